package org.xcp.clusterstack.daemon.hygiene;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * The daemon's process hygiene, as xhad does it, taken once at start before the engine joins: out of the
 * caller's cgroup ({@link SystemdScope} where systemd runs, else {@link CgroupEscape}; the cpu hierarchy's root in
 * both), {@code oom_score_adj} -1000 ({@link OomScore}), SCHED_RR 48 for the liveness threads
 * ({@link RealtimeThreads}, again every {@link #KEEP_UP_SECONDS} s for the threads that come later) and memory
 * locked ({@link MemoryLock}). Each step's outcome is logged and shown by {@link #statusLines}; a refused step
 * is a warning, or, when the settings say {@code required}, the end of the start with exit 2. {@link #close} on
 * a clean end removes the cgroups it made; a scope systemd removes itself once empty.
 */
public final class ProcessHygiene implements AutoCloseable {
    static final int KEEP_UP_SECONDS = 2;

    private final HygieneMode mode;
    private final EngineLog log;
    private final long pid = ProcessHandle.current().pid();
    private final Map<HygieneStep, StepOutcome> outcomes = new EnumMap<>(HygieneStep.class);
    private final RealtimeThreads realtime;
    private List<CgroupEscape.Move> ownCgroups = List.of();
    private ScheduledExecutorService keepUp;

    private ProcessHygiene(HygieneMode mode, EngineLog log) {
        this.mode = mode;
        this.log = log;
        this.realtime = new RealtimeThreads(log);
    }

    /**
     * Takes the steps {@code mode} asks for, for the daemon of {@code stack} on {@code host}.
     *
     * @throws HaException {@link ExitCode#SYSTEM_ERROR} when {@code mode} is required and a step was refused
     *         (what was done is undone first)
     */
    public static ProcessHygiene start(HygieneMode mode, String stack, HaUuid host, EngineLog log) {
        ProcessHygiene hygiene = new ProcessHygiene(mode, log);
        if (mode == HygieneMode.OFF) {
            log.info("process hygiene off (" + StackSettings.PROCESS_HYGIENE + " = off): the process stays as its"
                    + " caller made it");
            return hygiene;
        }
        try {
            hygiene.take(HygieneStep.CGROUP, () -> hygiene.leaveCallersCgroup(name(stack, host)));
            hygiene.take(HygieneStep.OOM_SCORE_ADJ, OomScore::adjust);
            hygiene.take(HygieneStep.REALTIME, hygiene.realtime::start);
            hygiene.take(HygieneStep.MEMORY, MemoryLock::lock);
        } catch (HaException e) {
            hygiene.close();
            throw e;
        }
        hygiene.keepUp = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "process-hygiene");
            t.setDaemon(true);
            return t;
        });
        hygiene.keepUp.scheduleWithFixedDelay(hygiene.realtime::apply, KEEP_UP_SECONDS, KEEP_UP_SECONDS,
                TimeUnit.SECONDS);
        return hygiene;
    }

    /** {@code <stack>-<the first 8 hex digits of the host's UUID>}: the name of the daemon's cgroup or scope. */
    static String name(String stack, HaUuid host) {
        return stack + "-" + host.compact().substring(0, 8);
    }

    private interface Step {
        StepOutcome take();
    }

    private void take(HygieneStep step, Step action) {
        StepOutcome outcome = action.take();
        outcomes.put(step, outcome);
        if (outcome.done()) {
            log.info(outcome.logLine());
            return;
        }
        log.warn(outcome.logLine());
        if (mode == HygieneMode.REQUIRED) {
            throw new HaException(ExitCode.SYSTEM_ERROR, StackSettings.PROCESS_HYGIENE + " is required and "
                    + step.what() + " was refused: " + outcome.text().substring("refused: ".length()));
        }
    }

    private StepOutcome leaveCallersCgroup(String name) {
        Optional<String> scope = Optional.empty();
        String fallback = "";
        if (SystemdScope.running()) {
            String unit = SystemdScope.unit(name);
            Optional<String> refused = SystemdScope.enter(unit, pid);
            if (refused.isPresent() && SystemdScope.exists(refused.get())) {
                unit = SystemdScope.unit(name + "-" + pid);
                refused = SystemdScope.enter(unit, pid);
            }
            if (refused.isEmpty()) {
                scope = Optional.of(unit);
            } else {
                fallback = "no systemd scope (" + refused.get() + "), so: ";
            }
        }
        try {
            List<Hierarchy> before = Hierarchy.ofThisProcess();
            String free = CgroupEscape.freeName(before, name, pid);
            List<CgroupEscape.Move> plan = CgroupEscape.plan(before, free, scope.isPresent());
            int swept = CgroupEscape.sweep(plan, Instant.now());
            if (swept > 0) {
                log.info("process hygiene: removed " + swept + " empty cgroups that daemons which did not end cleanly"
                        + " left in cluster-stack/");
            }
            CgroupEscape.Entered entered = CgroupEscape.enter(plan, pid);
            ownCgroups = entered.moved().stream().filter(CgroupEscape.Move::own).toList();
            List<String> refusals = new ArrayList<>(entered.refusals());
            refusals.addAll(CgroupEscape.unconfirmed(entered.moved(), Hierarchy.ofThisProcess()));
            String what = fallback + scope.map(u -> "scope " + u + (entered.moved().isEmpty() ? ""
                    : "; " + entered.summary())).orElse(entered.summary());
            return refusals.isEmpty() ? StepOutcome.done(HygieneStep.CGROUP, what)
                    : StepOutcome.refused(HygieneStep.CGROUP, String.join("; ", refusals) + " (done: " + what + ")");
        } catch (IOException e) {
            return StepOutcome.refused(HygieneStep.CGROUP, "reading /proc/self/cgroup and mountinfo: "
                    + CgroupEscape.reason(e));
        }
    }

    /** The STATUS reply's lines: the mode, then each step's outcome, the counts as they are now. */
    public List<String> statusLines() {
        List<String> lines = new ArrayList<>();
        lines.add("hygiene=" + mode.word());
        for (StepOutcome o : outcomes.values()) {
            lines.add(o.step().statusKey() + "=" + (o.done() ? now(o) : o.text()));
        }
        return lines;
    }

    private String now(StepOutcome done) {
        return switch (done.step()) {
            case REALTIME -> realtime.census().text();
            case MEMORY -> MemoryLock.text();
            case OOM_SCORE_ADJ -> {
                try {
                    yield OomScore.current();
                } catch (IOException e) {
                    yield done.text();
                }
            }
            case CGROUP -> done.text();
        };
    }

    /** Stops re-applying real-time scheduling and, on a clean end, removes the cgroups it made; once. */
    @Override
    public synchronized void close() {
        if (keepUp != null) {
            keepUp.shutdownNow();
        }
        List<String> stays = CgroupEscape.leave(ownCgroups, pid);
        ownCgroups = List.of();
        for (String s : stays) {
            log.warn("process hygiene: a cgroup stays: " + s);
        }
    }
}
