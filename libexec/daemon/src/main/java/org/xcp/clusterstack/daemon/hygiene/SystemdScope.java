package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Leaving the caller's cgroup where systemd runs: a transient scope unit of the daemon's own, made over D-Bus
 * ({@code StartTransientUnit} with the daemon's pid), so that systemd itself no longer counts the daemon in the
 * service that started it ({@code xapi.service}), and a stop or restart of that service leaves it running. The
 * call is {@code busctl}'s, bounded by {@link #BUS_TIMEOUT}: the daemon has no D-Bus library, and one call at
 * start does not need one.
 */
final class SystemdScope {
    /** What sd_booted(3) checks: systemd is the running init. */
    static final Path RUNNING = Path.of("/run/systemd/system");
    static final Duration BUS_TIMEOUT = Duration.ofSeconds(5);
    /** How long systemd may take to move the process once the job is queued. */
    static final Duration SETTLE = Duration.ofSeconds(2);

    private SystemdScope() {
    }

    static boolean running() {
        return Files.isDirectory(RUNNING);
    }

    /** {@code cluster-stack-<name>.scope}. */
    static String unit(String name) {
        return "cluster-stack-" + name + ".scope";
    }

    /** The busctl call that makes {@code unit} with {@code pid} in it. */
    static List<String> command(String unit, long pid) {
        return List.of("busctl", "call", "--system", "org.freedesktop.systemd1", "/org/freedesktop/systemd1",
                "org.freedesktop.systemd1.Manager", "StartTransientUnit", "ssa(sv)a(sa(sv))", unit, "fail",
                "2", "Description", "s", "cluster-stack HA daemon, outside the service that started it",
                "PIDs", "au", "1", Long.toString(pid), "0");
    }

    /** Makes the scope and waits until the kernel shows the process in it; empty when done, or why not. */
    static Optional<String> enter(String unit, long pid) {
        ProcessBuilder pb = new ProcessBuilder(command(unit, pid)).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process busctl;
        try {
            busctl = pb.start();
        } catch (IOException e) {
            return Optional.of("cannot run busctl: " + CgroupEscape.reason(e));
        }
        try {
            if (!busctl.waitFor(BUS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                busctl.destroyForcibly();
                return Optional.of("busctl StartTransientUnit " + unit + " did not answer within "
                        + BUS_TIMEOUT.toSeconds() + " s");
            }
            String output = new String(busctl.getInputStream().readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (busctl.exitValue() != 0) {
                return Optional.of("busctl StartTransientUnit " + unit + " exited " + busctl.exitValue() + ": "
                        + output.lines().findFirst().orElse("no output"));
            }
            return settled(unit);
        } catch (InterruptedException e) {
            busctl.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while systemd made " + unit);
        } catch (IOException e) {
            return Optional.of("busctl: " + CgroupEscape.reason(e));
        }
    }

    /** Whether a refusal says the unit exists already (a live daemon of the same name holds it). */
    static boolean exists(String refusal) {
        return refusal.contains("already exists") || refusal.contains("UnitExists");
    }

    private static Optional<String> settled(String unit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            List<CgroupMembership> now = CgroupMembership.parse(Files.readString(Path.of("/proc/self/cgroup")));
            if (inUnit(now, unit)) {
                return Optional.empty();
            }
            if (System.nanoTime() > deadline) {
                return Optional.of("systemd took " + unit + " but the process is not in it after "
                        + SETTLE.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** Whether systemd's own hierarchy (name=systemd, or cgroup2 where that is systemd's) shows the unit. */
    static boolean inUnit(List<CgroupMembership> memberships, String unit) {
        return memberships.stream().filter(m -> m.unified() || m.controllers().contains("name=systemd"))
                .anyMatch(m -> m.path().endsWith("/" + unit));
    }
}
