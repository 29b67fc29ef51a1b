package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)}: every page the daemon has touched, and every page it
 * touches later, stays in memory, so that a dom0 short of memory cannot make a heartbeat, a statefile write or a
 * watchdog pet wait for a page to come back from the disk.
 *
 * <p>Chosen by measurement (docs/operators.md, "Process hygiene"), on the daemon JVM of {@code ha_start_daemon}
 * (serial GC, 8-48 MiB heap, C1): a one-host pool's daemon has 54 MiB resident without locking. xhad's
 * {@code MCL_CURRENT} faults in and pins every mapped page, and a JVM maps the whole JDK: the 125 MiB
 * {@code lib/modules} image, all of {@code libjvm.so} and the CDS archive, so the daemon grew to 202 MiB resident
 * (206 MiB with {@code MCL_FUTURE}), most of it never read again. With {@code MCL_ONFAULT} it stays at 55 MiB, all
 * of it locked; {@code MCL_FUTURE} locks what comes after the start too (the heap as it grows, the engine's
 * threads' stacks, classes loaded when the host joins or fences). So the heap flags need no change: the young
 * generation is locked as the first collections cycle through it. A kernel before 4.4 (no {@code MCL_ONFAULT})
 * refuses the call with EINVAL.
 */
final class MemoryLock {
    static final int FLAGS = LinuxCalls.MCL_CURRENT | LinuxCalls.MCL_FUTURE | LinuxCalls.MCL_ONFAULT;
    static final String FLAG_NAMES = "MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT";
    private static final Path SMAPS = Path.of("/proc/self/smaps");

    private MemoryLock() {
    }

    static StepOutcome lock() {
        if (LinuxCalls.libc().mlockall(FLAGS) != 0) {
            return StepOutcome.refused(HygieneStep.MEMORY, "mlockall(" + FLAG_NAMES + "): " + LinuxCalls.lastError());
        }
        return StepOutcome.done(HygieneStep.MEMORY, text());
    }

    /** {@code locked 55 MiB resident (mlockall MCL_CURRENT|MCL_FUTURE|MCL_ONFAULT)}. */
    static String text() {
        try {
            return "locked " + mib(lockedResidentKib(Files.readString(SMAPS))) + " MiB resident (mlockall "
                    + FLAG_NAMES + ")";
        } catch (IOException e) {
            return "locked (mlockall " + FLAG_NAMES + "; " + SMAPS + " unreadable: " + CgroupEscape.reason(e) + ")";
        }
    }

    /**
     * The resident KiB of the mappings {@code smaps} marks locked ({@code lo} among their VmFlags). Not VmLck of
     * {@code /proc/self/status}: that counts the whole size of every locked mapping, the JVM's untouched
     * reservations (a gigabyte of class space) included.
     */
    static long lockedResidentKib(String smaps) {
        long total = 0;
        long rss = 0;
        for (String line : smaps.split("\n")) {
            if (line.startsWith("Rss:")) {
                rss = kib(line).orElse(0L);
            } else if (line.startsWith("VmFlags:") && (" " + line.substring(8) + " ").contains(" lo ")) {
                total += rss;
            }
        }
        return total;
    }

    /** The KiB of a {@code Name:   1234 kB} line. */
    static Optional<Long> kib(String line) {
        String[] words = line.substring(line.indexOf(':') + 1).strip().split("\\s+");
        return words[0].matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(words[0])) : Optional.empty();
    }

    private static long mib(long kib) {
        return (kib + 512) / 1024;
    }
}
