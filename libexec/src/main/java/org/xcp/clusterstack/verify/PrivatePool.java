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
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.statefile.StatefileLayout;

/**
 * The pool verify runs a stack on: its own directory (root only), one statefile file, and an xhad.conf per
 * host with new UUIDs (so no other pool's run-time files are touched), the timeouts xapi derives from T.
 * Host {@code i} has index {@code i}: the UUIDs are sorted as xhad sorts them.
 */
final class PrivatePool implements AutoCloseable {
    final Path dir;
    final List<String> hostIds;
    final List<Path> configs = new ArrayList<>();

    PrivatePool(VerifyOptions o) throws IOException {
        dir = Files.createTempDirectory("cluster-stack-verify", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path statefile = dir.resolve("statefile");
        Files.write(statefile, new byte[StatefileLayout.SIZE]);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < o.hosts(); i++) {
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
        for (int i = 0; i < o.hosts(); i++) {
            configs.add(DaemonConfigWriter.write(perHost.get(i), dir.resolve("xhad-" + i + ".conf")));
        }
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
