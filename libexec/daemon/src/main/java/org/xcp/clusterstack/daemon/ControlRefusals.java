package org.xcp.clusterstack.daemon;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * The connections the control socket turned away, by kind. The first of a kind in a minute is logged with its
 * reason; the rest are counted and summed up in one line at most once a minute, so that a flood of connections
 * cannot fill the log. The control socket's thread counts; tests read.
 */
final class ControlRefusals {
    /** How often a flood may add a line to the log. */
    static final Duration SUMMARY_EVERY = Duration.ofMinutes(1);

    enum Kind {
        IDLE("closed without a whole request within the read timeout"),
        SHED("closed idle to make room for a new one"),
        BUSY("refused with 3: every connection slot held a request"),
        MALFORMED("refused: not a request the scripts or the CLI send");

        private final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    private final EngineLog log;
    private final Map<Kind, Long> total = new EnumMap<>(Kind.class);
    private final Map<Kind, Long> unlogged = new EnumMap<>(Kind.class);
    private final Map<Kind, Boolean> loggedThisWindow = new EnumMap<>(Kind.class);
    private long windowStart;

    ControlRefusals(EngineLog log, long nowNanos) {
        this.log = log;
        this.windowStart = nowNanos;
    }

    synchronized void refused(Kind kind, String reason, long nowNanos) {
        tick(nowNanos);
        total.merge(kind, 1L, Long::sum);
        if (loggedThisWindow.putIfAbsent(kind, true) == null) {
            log.info("control socket: a connection " + kind.what + ": " + reason);
        } else {
            unlogged.merge(kind, 1L, Long::sum);
        }
    }

    /** Ends the minute when it is over: one line for what was counted and not logged in it. */
    synchronized void tick(long nowNanos) {
        if (nowNanos - windowStart < SUMMARY_EVERY.toNanos()) {
            return;
        }
        if (!unlogged.isEmpty()) {
            StringJoiner line = new StringJoiner("; ", "control socket, in the last minute: ", "");
            unlogged.forEach((kind, n) -> line.add(n + " more connections " + kind.what + " (" + total.get(kind)
                    + " since the start)"));
            log.info(line.toString());
        }
        unlogged.clear();
        loggedThisWindow.clear();
        windowStart = nowNanos;
    }

    /** When {@link #tick} next has something to do, if anything. */
    synchronized long nanosUntilSummary(long nowNanos) {
        return unlogged.isEmpty() ? Long.MAX_VALUE : Math.max(0, windowStart + SUMMARY_EVERY.toNanos() - nowNanos);
    }

    synchronized long total(Kind kind) {
        return total.getOrDefault(kind, 0L);
    }
}
