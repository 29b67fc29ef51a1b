package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jnr.ffi.byref.IntByReference;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.LivenessThreads;

/**
 * SCHED_RR at xhad's priority, 48 ("below the kernel's IRQ threads at 49/50, to avoid priority inversion"), for
 * the {@link LivenessThreads} and no other thread: xhad makes its whole process real-time, but a JVM's compiler
 * and the threads that serve scripts must not be (a storm of {@code ha_query_liveset} would take the CPUs the
 * heartbeats need). Each thread is found by its name in {@code /proc/self/task/<tid>/comm} and set with
 * {@code sched_setscheduler(tid)}, with SCHED_RESET_ON_FORK, so that a thread or a command one of them starts
 * (a cluster manager's tool) runs at normal priority. The threads appear as the engine joins and fencing is
 * armed, so {@link #apply} runs again every few seconds; it logs only what changed.
 */
final class RealtimeThreads {
    static final int PRIORITY = 48;
    private static final Path TASKS = Path.of("/proc/self/task");

    /** A thread of this process and its name as Linux keeps it. */
    record Task(int tid, String name) {
    }

    /** How many named threads there are, and how many of them run at SCHED_RR 48. */
    record Census(int named, int realtime, List<String> names) {
        String text() {
            return "SCHED_RR " + PRIORITY + " on " + realtime + " of " + named + " threads"
                    + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
        }
    }

    private final EngineLog log;
    private final Set<Integer> refusedTids = ConcurrentHashMap.newKeySet();

    RealtimeThreads(EngineLog log) {
        this.log = log;
    }

    /**
     * The start's step: every named thread there is now (the JVM's VM thread at least) set, or the probe of
     * {@link #probe} when there is none; refused with the first errno.
     */
    StepOutcome start() {
        List<Task> named = named();
        if (named.isEmpty()) {
            return probe().map(why -> StepOutcome.refused(HygieneStep.REALTIME, why))
                    .orElseGet(() -> StepOutcome.done(HygieneStep.REALTIME, census().text()));
        }
        List<String> refusals = apply();
        return refusals.isEmpty() ? StepOutcome.done(HygieneStep.REALTIME, census().text())
                : StepOutcome.refused(HygieneStep.REALTIME, refusals.get(0));
    }

    /** Sets every named thread that is not at SCHED_RR 48; logs each change, and each refusal once; returns these. */
    synchronized List<String> apply() {
        List<String> refusals = new ArrayList<>();
        for (Task t : named()) {
            if (isRealtime(t.tid())) {
                continue;
            }
            IntByReference param = new IntByReference(PRIORITY);
            if (LinuxCalls.libc().sched_setscheduler(t.tid(), LinuxCalls.SCHED_RR | LinuxCalls.SCHED_RESET_ON_FORK,
                    param) == 0) {
                log.info("process hygiene: SCHED_RR " + PRIORITY + " for " + t.name() + " (tid " + t.tid() + ")");
            } else {
                String why = "sched_setscheduler(" + t.name() + ", SCHED_RR, " + PRIORITY + "): "
                        + LinuxCalls.lastError();
                if (Files.exists(TASKS.resolve(Integer.toString(t.tid())))) { // else the thread just ended
                    refusals.add(why);
                    if (refusedTids.add(t.tid())) {
                        log.warn("process hygiene: " + why);
                    }
                }
            }
        }
        return refusals;
    }

    Census census() {
        List<Task> named = named();
        List<Task> rt = named.stream().filter(t -> isRealtime(t.tid())).toList();
        return new Census(named.size(), rt.size(), rt.stream().map(Task::name).sorted().collect(Collectors.toList()));
    }

    /** Whether the calling thread may be made real-time: set and set back; empty when it may. */
    static Optional<String> probe() {
        if (LinuxCalls.libc().sched_setscheduler(0, LinuxCalls.SCHED_RR, new IntByReference(PRIORITY)) != 0) {
            return Optional.of("sched_setscheduler(SCHED_RR, " + PRIORITY + "): " + LinuxCalls.lastError());
        }
        LinuxCalls.libc().sched_setscheduler(0, LinuxCalls.SCHED_OTHER, new IntByReference(0));
        return Optional.empty();
    }

    static boolean isRealtime(int tid) {
        int policy = LinuxCalls.libc().sched_getscheduler(tid);
        IntByReference param = new IntByReference(0);
        return policy >= 0 && (policy & ~LinuxCalls.SCHED_RESET_ON_FORK) == LinuxCalls.SCHED_RR
                && LinuxCalls.libc().sched_getparam(tid, param) == 0 && param.intValue() == PRIORITY;
    }

    /** This process's threads that {@link LivenessThreads#named} names. */
    static List<Task> named() {
        return tasks().stream().filter(t -> LivenessThreads.named(t.name())).toList();
    }

    static List<Task> tasks() {
        List<Task> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(TASKS)) {
            for (Path dir : dirs.toList()) {
                try {
                    all.add(new Task(Integer.parseInt(dir.getFileName().toString()),
                            Files.readString(dir.resolve("comm")).strip()));
                } catch (IOException | NumberFormatException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to find
        }
        return all;
    }
}
