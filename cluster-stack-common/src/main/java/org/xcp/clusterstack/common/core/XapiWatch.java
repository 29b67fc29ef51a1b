package org.xcp.clusterstack.common.core;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.spi.XapiOutcome;

/**
 * xhad's xapi health check (spec §7.4; {@code daemon/xapi_mon.c}), pure: from Online on, every tXapi it asks
 * for the health check with limit TXapi ({@link Action.CheckXapi}); when the check fails it asks for xapi's
 * restart ({@link Action.RestartXapi}, limit TRestartXapi), at most XapiRestartAttempts attempts, counted since the
 * last restart that worked unless that was more than a day ago; when no attempt is left or none worked, it waits
 * 2 × t1 (so that the peers hear why in this host's heartbeats) and then the host fences itself. More than
 * {@value #MAX_NOT_STARTED} health checks in a row that could not be started fence it too. Fencing itself, and what
 * a disarmed host does instead, is {@link MemberCore#selfFence}'s.
 *
 * <p>The daemon runs the commands and reports each outcome with its request's id ({@link #outcome}); an
 * outcome that never comes is taken as killed at its limit, 10 s late.
 */
final class XapiWatch {
    /** xhad's XAPIMON_MAX_FORK_ERR_RETRY: the sixth check in a row that cannot be started fences. */
    static final int MAX_NOT_STARTED = 5;
    static final long DAY = Duration.ofDays(1).toNanos();
    /** How long past its limit a run may go unreported before it counts as killed at its limit. */
    private static final long REPORT_SLACK = Duration.ofSeconds(10).toNanos();
    private static final long MS = 1_000_000L;

    private enum State { OFF, WAITING, CHECKING, RESTARTING, FENCING, STOPPED }

    /** What the core must do about an outcome: nothing more, or fence now with this record. */
    record Verdict(Optional<JournalEvent> fence) {
        static final Verdict NONE = new Verdict(Optional.empty());
    }

    private final long interval;
    private final long checkLimit;
    private final int attempts;
    private final long restartLimit;
    private final long notifyWait;
    private final LatencyMeter latency = new LatencyMeter();

    private State state = State.OFF;
    private long nextCheck;
    private long requestId;
    private long requestedAt = -1;
    private long checkStartedAt = -1;
    private int notStartedInARow;
    private int restartsCounted;
    /** Checks that failed or could not be started since the last that passed (for status only). */
    private int failedInARow;
    private XapiOutcome lastCheck;
    private long lastCheckAt = -1;
    /** When the last restart that worked ended (-1: none yet); the count of attempts starts again a day after. */
    private long lastRestarted = -1;
    /** When this host began restarting xapi after a failed check (-1: xapi is healthy); xhad's time_Xapi_restart. */
    private long restartingSince = -1;
    private String error = "";
    private long fenceAt;
    private JournalEvent fenceRecord;

    XapiWatch(DaemonParameters p, long t1) {
        this.interval = p.seconds(Parameter.XAPI_HEALTH_CHECK_INTERVAL).toNanos();
        this.checkLimit = p.seconds(Parameter.XAPI_HEALTH_CHECK_TIMEOUT).toNanos();
        this.attempts = p.get(Parameter.XAPI_RESTART_ATTEMPTS);
        this.restartLimit = p.seconds(Parameter.XAPI_RESTART_TIMEOUT).toNanos();
        this.notifyWait = 2 * t1;
    }

    /** The host went Online: the first check is tXapi from now (xhad's monitor sleeps tXapi before each). */
    void start(long now) {
        if (state == State.OFF) {
            state = State.WAITING;
            nextCheck = now + interval;
        }
    }

    /** The engine ended or fenced: nothing more is asked, and outcomes are ignored. */
    void stop() {
        state = State.STOPPED;
    }

    /** The clock: a check due, an outcome overdue, the 2 × t1 before a fence over. */
    Verdict tick(long now, List<Action> out) {
        switch (state) {
            case WAITING -> {
                if (now >= nextCheck) {
                    check(now, out);
                }
            }
            case CHECKING -> {
                if (now - requestedAt > checkLimit + REPORT_SLACK) {
                    return outcome(new XapiOutcome(requestId, XapiOutcome.Ended.TIMED_OUT, -1, "",
                            (now - requestedAt) / MS, ""), now, out);
                }
            }
            case RESTARTING -> {
                if (now - requestedAt > restartLimit + REPORT_SLACK) {
                    return outcome(new XapiOutcome(requestId, XapiOutcome.Ended.TIMED_OUT, -1, "",
                            (now - requestedAt) / MS, ""), now, out);
                }
            }
            case FENCING -> {
                if (now >= fenceAt) {
                    // the fence is the core's: disarmed, it only logs, and the checks go on (xhad's self_fence
                    // returns when disarmed and its monitor loops); a sixth unstartable check stops them
                    JournalEvent why = fenceRecord;
                    boolean monitorEnds = notStartedInARow > MAX_NOT_STARTED;
                    state = monitorEnds ? State.STOPPED : State.WAITING;
                    nextCheck = now + interval;
                    notStartedInARow = 0;
                    return new Verdict(Optional.of(why));
                }
            }
            default -> {
            }
        }
        return Verdict.NONE;
    }

    /** The daemon's report of the run it was asked for; a late one, or one for another request, is ignored. */
    Verdict outcome(XapiOutcome o, long now, List<Action> out) {
        if (o.id() != requestId || (state != State.CHECKING && state != State.RESTARTING)) {
            return Verdict.NONE;
        }
        return state == State.CHECKING ? checked(o, now, out) : restarted(o, now, out);
    }

    private void check(long now, List<Action> out) {
        state = State.CHECKING;
        requestedAt = now;
        checkStartedAt = now;
        out.add(new Action.CheckXapi(++requestId, Duration.ofNanos(checkLimit)));
    }

    private Verdict checked(XapiOutcome o, long now, List<Action> out) {
        checkStartedAt = -1;
        lastCheck = o;
        lastCheckAt = now;
        failedInARow = o.succeeded() ? 0 : failedInARow + 1;
        if (o.ended() == XapiOutcome.Ended.NOT_STARTED) {
            notStartedInARow++;
            out.add(new Action.Log("WARNING xapi's health check could not be started (" + notStartedInARow + " in a"
                    + " row): " + o.problem()));
            if (notStartedInARow > MAX_NOT_STARTED) {
                return fenceSoon(now, JournalEvent.of(EventKind.SELF_FENCE, "xapi's health check could not be"
                        + " started " + notStartedInARow + " times in a row: " + o.problem())
                        .with("reason", "xapi-health-check").with("not_started_in_a_row", notStartedInARow)
                        .with("problem", o.problem()), out, false);
            }
            waitNext(now);
            return Verdict.NONE;
        }
        notStartedInARow = 0;
        if (o.succeeded()) {
            latency.add(o.elapsedMillis());
            error = "";
            waitNext(now);
            return Verdict.NONE;
        }
        error = o.output();
        restartingSince = now; // xhad's time_Xapi_restart: set by every restart that begins
        String how = o.describe(checkLimit / MS);
        out.add(new Action.Log("WARNING xapi's health check failed: " + how + (error.isEmpty() ? "" : ": " + error)));
        out.add(new Action.Record(JournalEvent.of(EventKind.XAPI_CHECK_FAILED, "xapi's health check failed: " + how
                + (error.isEmpty() ? "" : " (" + error + ")")).with("ended", o.ended().name())
                .with("exit_code", o.exitCode()).with("output", error).with("elapsed_ms", o.elapsedMillis())
                .with("limit_ms", checkLimit / MS)));
        if (countStartsAgain(now)) {
            restartsCounted = 0;
        }
        return restartOrFence(now, out, "xapi's health check failed (" + how + ")");
    }

    private Verdict restarted(XapiOutcome o, long now, List<Action> out) {
        String how = o.describe(restartLimit / MS);
        boolean worked = o.succeeded();
        out.add(new Action.Record(JournalEvent.of(EventKind.XAPI_RESTART, (worked ? "xapi restarted" : "restarting"
                + " xapi failed: " + how) + " (attempt " + restartsCounted + " of " + attempts + " a day)")
                .with("attempt", restartsCounted).with("attempts_a_day", attempts).with("ended", o.ended().name())
                .with("exit_code", o.exitCode()).with("output", o.output()).with("elapsed_ms", o.elapsedMillis())
                .with("limit_ms", restartLimit / MS).with("worked", worked)));
        if (worked) {
            out.add(new Action.Log("xapi restarted"));
            restartingSince = -1;
            lastRestarted = now;
            waitNext(now);
            return Verdict.NONE;
        }
        out.add(new Action.Log("WARNING restarting xapi failed (attempt " + restartsCounted + "): " + how));
        return restartOrFence(now, out, "restarting xapi failed (" + how + ")");
    }

    private Verdict restartOrFence(long now, List<Action> out, String last) {
        if (restartsCounted < attempts) {
            restartsCounted++;
            state = State.RESTARTING;
            requestedAt = now;
            out.add(new Action.Log("restarting xapi (attempt " + restartsCounted + " of " + attempts + ")"));
            out.add(new Action.RestartXapi(++requestId, restartsCounted, attempts, Duration.ofNanos(restartLimit)));
            return Verdict.NONE;
        }
        return fenceSoon(now, JournalEvent.of(EventKind.SELF_FENCE, "xapi's health check failed and restarting"
                + " xapi did not cure it: " + last + ", and " + (attempts == 0 ? "no restart is allowed"
                        : "all " + attempts + " restart attempt" + (attempts == 1 ? "" : "s") + " allowed in a day"
                        + " were used") + " (xhad's xapi health check)").with("reason", "xapi-health-check")
                .with("last", last).with("error", error).with("restart_attempts_used", restartsCounted)
                .with("restart_attempts_a_day", attempts).with("restarting_xapi_ms", restartingSince < 0 ? -1
                        : (now - restartingSince) / MS), out, true);
    }

    /** xhad sleeps 2 × t1 before it fences, so that its heartbeats tell the peers why. */
    private Verdict fenceSoon(long now, JournalEvent why, List<Action> out, boolean restarts) {
        state = State.FENCING;
        fenceAt = now + notifyWait;
        fenceRecord = why;
        out.add(new Action.Log("WARNING " + (restarts ? "xapi failed" : "xapi's health check cannot run") + ": this"
                + " host fences itself in " + notifyWait / MS + " ms (2 t1) if armed"));
        return Verdict.NONE;
    }

    /** The count of restart attempts starts again: no restart worked yet, or the last that did is a day old. */
    private boolean countStartsAgain(long now) {
        return lastRestarted < 0 || now - lastRestarted > DAY;
    }

    private void waitNext(long now) {
        state = State.WAITING;
        nextCheck = now + interval;
    }

    // ---- what the liveset and the heartbeats show ----

    /** The health check's latencies (the liveset's Xapi_healthcheck_latency*). */
    LatencyMeter latency() {
        return latency;
    }

    /** Since when this host has been restarting xapi (my nanoTime), or -1. */
    long restartingSince() {
        return restartingSince;
    }

    /** When the check in flight started (my nanoTime), or -1. */
    long checkStartedAt() {
        return checkStartedAt;
    }

    /** The output of the last failed check; empty once a check passes. */
    String error() {
        return error;
    }

    /** Where the check stands, for status: the restarts a failed check would go on from, a fence pending. */
    XapiCheckState checkState(long now) {
        boolean failing = state == State.RESTARTING || state == State.FENCING;
        return new XapiCheckState(Optional.ofNullable(lastCheck), lastCheckAt, checkLimit / MS, failedInARow,
                failing || !countStartsAgain(now) ? restartsCounted : 0, attempts,
                state == State.FENCING ? fenceAt : -1, error);
    }

    boolean watching() {
        return state != State.OFF && state != State.STOPPED;
    }
}
