package org.xcp.clusterstack.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.statefile.StatefileLayout;

/**
 * The pool verify runs a stack on: its own directory (root only), one statefile file, and an xhad.conf per
 * host (in h&lt;i&gt;/, with the stack's settings file when one is given) with new UUIDs (so no other pool's
 * run-time files are touched) unless the manager's are given, the timeouts xapi derives from T.
 * Host {@code i} has index {@code i}: the UUIDs are sorted as xhad sorts them.
 *
 * <p>The directory is on tmpfs ({@code /dev/shm}) where the host has one, else under {@code java.io.tmpdir}: the
 * statefile is the pool's own LUN on a real pool, and a file on the disk every other process writes to made the
 * private pool's O_DIRECT writes wait (an fsync behind other writers' journal commits) long enough, on a busy
 * machine, for the statefile watchdog to reset a host that was only being tested.
 */
final class PrivatePool implements AutoCloseable {
    final Path dir;
    final Path statefile;
    final List<String> hostIds;
    final List<Path> configs = new ArrayList<>();
    /** Each host's xhad.conf with BootJoinTimeout = EnableJoinTimeout = 2 T: see {@link #shortJoinConfig}. */
    private final List<Path> shortJoin = new ArrayList<>();
    private final int timeout;

    /** {@code /dev/shm} when it is a tmpfs this process may write to, else {@code java.io.tmpdir}. */
    static Path base() {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm) && "tmpfs".equals(Files.getFileStore(shm).type())) {
                return shm;
            }
        } catch (IOException e) {
            // no such file store: the default below
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    PrivatePool(VerifyOptions o, String stack) throws IOException {
        dir = Files.createTempDirectory(base(), "cluster-stack-verify", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        timeout = o.timeout();
        statefile = dir.resolve("statefile");
        Files.write(statefile, new byte[StatefileLayout.SIZE]);
        List<String> ids = new ArrayList<>(o.hostIds());
        for (int i = ids.size(); i < o.hosts(); i++) {
            ids.add(UUID.randomUUID().toString());
        }
        ids.sort(Comparator.comparing(s -> s.replace("-", "")));
        hostIds = List.copyOf(ids);
        DaemonConfigBuilder pool = DaemonConfig.builder().generation(HaUuid.parse(UUID.randomUUID().toString()))
                .udpPort(o.port()).haTimeout(o.timeout()).heartbeatInterface("lo").stateFile(statefile)
                .watchdogMode(WatchdogMode.valueOf(o.watchdog()));
        for (int i = 0; i < o.hosts(); i++) {
            pool.host(HaUuid.parse(hostIds.get(i)), o.address(i));
        }
        List<DaemonConfig> perHost = pool.buildForEachHost();
        List<DaemonConfig> perHostShort = pool.parameter(Parameter.BOOT_JOIN_TIMEOUT, 2 * o.timeout())
                .parameter(Parameter.ENABLE_JOIN_TIMEOUT, 2 * o.timeout()).buildForEachHost();
        for (int i = 0; i < o.hosts(); i++) {
            // one directory per host: its xhad.conf, and the stack's settings next to it (cluster-stack/<stack>.conf)
            Path conf = Files.createDirectories(dir.resolve("h" + i)).resolve("xhad.conf");
            configs.add(DaemonConfigWriter.write(perHost.get(i), conf));
            shortJoin.add(DaemonConfigWriter.write(perHostShort.get(i), conf.resolveSibling("xhad-short-join.conf")));
            if (o.settings(i).isPresent()) {
                Path settings = StackSettings.fileFor(conf, stack);
                Files.createDirectories(settings.getParent());
                Files.copy(o.settings(i).get(), settings);
            }
        }
    }

    /**
     * Host {@code i}'s xhad.conf with BootJoinTimeout and EnableJoinTimeout 2 T instead of xapi's T + 60: a value
     * xapi does not write but every daemon must accept (spec §3.5), so that a start that has to wait them out (18
     * after Tboot) ends within verify's time.
     */
    Path shortJoinConfig(int i) {
        return shortJoin.get(i);
    }

    HaUuid uuid(int i) {
        return HaUuid.parse(hostIds.get(i));
    }

    /** The HA timeout T the configs were derived from. */
    int timeout() {
        return timeout;
    }

    /** StateFileInterval t2 as xapi derives it from T (spec §3.5). */
    int statefileInterval() {
        return Math.max(2, timeout / 20);
    }

    int size() {
        return hostIds.size();
    }

    /** "host 0 (127.0.4.1)": how sentences name a host. */
    String name(int i, VerifyOptions o) {
        return "host " + i + " (" + o.address(i) + ")";
    }

    @Override
    public void close() {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
