package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * mlockall: no page of the daemon is paged out or dropped, so that a dom0 short of memory cannot make a heartbeat
 * wait for the disk. FLAGS_TO_DECIDE.
 */
final class MemoryLock {
    static final int FLAGS = flags();
    private static final Path STATUS = Path.of("/proc/self/status");

    private MemoryLock() {
    }

    private static int flags() {
        String f = System.getenv().getOrDefault("CS_MLOCK", "current,future");
        return (f.contains("current") ? LinuxCalls.MCL_CURRENT : 0) | (f.contains("future") ? LinuxCalls.MCL_FUTURE : 0);
    }

    static StepOutcome lock() {
        if (LinuxCalls.libc().mlockall(FLAGS) != 0) {
            return StepOutcome.refused(HygieneStep.MEMORY, "mlockall(" + flagNames() + "): " + LinuxCalls.lastError());
        }
        return StepOutcome.done(HygieneStep.MEMORY, text());
    }

    /** {@code locked 61 MiB of 63 MiB resident}, from {@code /proc/self/status}. */
    static String text() {
        return "locked " + mib(kib("VmLck")) + " MiB of " + mib(kib("VmRSS")) + " MiB resident (" + flagNames() + ")";
    }

    static String flagNames() {
        return ((FLAGS & LinuxCalls.MCL_CURRENT) != 0 ? "MCL_CURRENT" : "")
                + ((FLAGS & LinuxCalls.MCL_FUTURE) != 0 ? "|MCL_FUTURE" : "");
    }

    /** A {@code Vm*} line of {@code /proc/self/status} in KiB, 0 when it cannot be read. */
    static long kib(String field) {
        try {
            return kib(Files.readString(STATUS), field).orElse(0L);
        } catch (IOException e) {
            return 0;
        }
    }

    static Optional<Long> kib(String status, String field) {
        return status.lines().filter(l -> l.startsWith(field + ":")).findFirst()
                .map(l -> l.substring(field.length() + 1).strip().split("\\s+")[0]).filter(v -> v.matches("[0-9]+"))
                .map(Long::parseLong);
    }

    private static long mib(long kib) {
        return (kib + 512) / 1024;
    }
}
