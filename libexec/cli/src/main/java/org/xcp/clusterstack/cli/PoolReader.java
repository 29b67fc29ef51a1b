package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.Providers;
import org.xcp.clusterstack.install.StackCatalog;
import org.xcp.clusterstack.common.settings.StackSettingsFile;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import org.xcp.clusterstack.poolstatus.FencerFinding;
import org.xcp.clusterstack.poolstatus.LocalDaemonReading;
import org.xcp.clusterstack.poolstatus.OtherFencers;
import org.xcp.clusterstack.poolstatus.PoolEvidence;
import org.xcp.clusterstack.poolstatus.QuorumRule;
import org.xcp.clusterstack.poolstatus.StackRule;
import org.xcp.clusterstack.poolstatus.StatefileRule;
import org.xcp.clusterstack.poolstatus.StorageTimeout;
import org.xcp.clusterstack.poolstatus.StorageTimeouts;

/**
 * Reads the {@link PoolEvidence} on this host, for {@code pool status} and the {@code maintenance} preflight:
 * xhad.conf, the shared statefile (read-only), the local daemon's STATUS reply (as {@code status} reads it), the
 * storage's I/O timeout, other fencers, and the stack's survival rule (corosync's from corosync-quorumtool).
 */
final class PoolReader {
    static final Path MULTIPATH_CONF = Path.of("/etc/multipath.conf");

    /** How often a watch reads again what rarely changes (the settings, multipath.conf, /proc, corosync). */
    static final Duration SLOW_EVERY = Duration.ofSeconds(10);

    private final LocalDaemon daemon;
    private final Path multipathConf;
    private Instant slowAt;
    private Optional<StorageTimeout> storage = Optional.empty();
    private List<FencerFinding> fencers = List.of();
    private StackRule rule;

    PoolReader(LocalDaemon daemon, Path multipathConf) {
        this.daemon = daemon;
        this.multipathConf = multipathConf;
    }

    DaemonConfig config() {
        return daemon.config();
    }

    PoolEvidence read() {
        DaemonConfig config = daemon.config();
        RunDir runDir = daemon.runDir(config);
        LocalDaemonReading local = local(runDir);
        StatefileImage image;
        try (StatefileDevice device = StatefileDevice.openReadOnly(config.local().stateFile())) {
            image = device.readImage();
        }
        Instant now = Instant.now();
        if (slowAt == null || Duration.between(slowAt, now).compareTo(SLOW_EVERY) >= 0) {
            // what a watch need not read twice a second: the files that rarely change, /proc, corosync's answer
            StackSettings settings = StackSettingsFile.read(StackSettings.fileFor(daemon.config, daemon.stack()));
            storage = StorageTimeouts.read(settings, multipathConf);
            fencers = new OtherFencers(Path.of("/proc"), Path.of("/sys/kernel/config"), daemon.runBase)
                    .find(daemon.stack(), local.pid(), runDir.dir().getFileName().toString());
            rule = rule(daemon.stack());
            slowAt = now;
        }
        return new PoolEvidence(config, daemon.stack(), fencer(daemon.stack()), image, local, storage, fencers, rule, now);
    }

    /** The daemon's STATUS reply, as {@code status} asks it; absent when nothing answers. */
    static LocalDaemonReading local(RunDir runDir) {
        Optional<Reply> reply = new ControlClient(runDir).request(Request.of(Verb.STATUS),
                Optional.of(Duration.ofSeconds(10)));
        if (reply.isEmpty() || !reply.get().succeeded()) {
            return LocalDaemonReading.absent();
        }
        String state = "absent";
        String fencing = "disarmed";
        OptionalLong pid = OptionalLong.empty();
        for (String line : reply.get().stdout().split("\n")) {
            String[] kv = line.split("=", 2);
            if (kv.length != 2) {
                continue;
            }
            switch (kv[0].strip()) {
                case "state" -> state = kv[1].strip();
                case "fencing" -> fencing = kv[1].strip();
                case "pid" -> pid = kv[1].strip().matches("\\d{1,18}") ? OptionalLong.of(Long.parseLong(kv[1].strip()))
                        : OptionalLong.empty();
                default -> { }
            }
        }
        Optional<Instant> started = pid.isPresent() ? ProcessHandle.of(pid.getAsLong())
                .flatMap(p -> p.info().startInstant()) : Optional.empty();
        if (pid.isEmpty()) {
            pid = OptionalLong.of(-1); // it answered, so it runs, even if it did not say its pid
        }
        return new LocalDaemonReading(state, pid, fencing, started);
    }

    /** Who fences for the stack, as its manifest says: this tool's own stacks, then those behind this host's door. */
    private static String fencer(String stack) {
        try {
            return Providers.named(stack).manifest().fencing();
        } catch (HaException notOurs) {
            try {
                return StackCatalog.of(StackCatalog.hostDoor(), Version.current()).named(stack)
                        .map(s -> s.manifest().fencing())
                        .orElse("unknown (no stack " + stack + " in this tool or behind " + StackCatalog.hostDoor() + ")");
            } catch (HaException badDoor) {
                return "unknown (" + badDoor.getMessage() + ")";
            }
        }
    }

    private static StackRule rule(String stack) {
        if (stack.equals("xhad")) {
            return new StatefileRule();
        }
        if (!stack.equals("corosync")) {
            return QuorumRule.unknown("the " + stack + " stack's cluster manager (" + fencer(stack)
                    + ") decides, and this tool cannot ask it");
        }
        try {
            Process p = new ProcessBuilder("corosync-quorumtool", "-s").redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return QuorumRule.unknown("corosync-quorumtool -s did not answer within 5 s");
            }
            return QuorumRule.parse(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return QuorumRule.unknown("cannot run corosync-quorumtool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return QuorumRule.unknown("interrupted");
        }
    }
}
