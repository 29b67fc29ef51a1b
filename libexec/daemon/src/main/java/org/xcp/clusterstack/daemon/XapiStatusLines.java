package org.xcp.clusterstack.daemon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.spi.XapiOutcome;
import org.xcp.clusterstack.common.core.XapiCheckState;
import org.xcp.clusterstack.control.XapiStatusField;

/**
 * The {@code xapi.*} lines of the daemon's STATUS reply ({@link XapiStatusField}): whether xapi's health check is
 * on and what it runs, and, once the engine has a view, where the core's check stands: the last check, the
 * failures in a row, the restarts used of those allowed, a self-fence pending and xapi's error string. The core's
 * times are turned into ages and into instants by the daemon's clock.
 */
final class XapiStatusLines {
    private XapiStatusLines() {
    }

    static List<String> of(boolean on, String command, Optional<XapiCheckState> state, long nowNanos, Instant wall) {
        Instant now = wall.truncatedTo(ChronoUnit.MILLIS);
        List<String> lines = new ArrayList<>(List.of(XapiStatusField.HEALTH_CHECK.line(on ? "on" : "off"),
                XapiStatusField.COMMAND.line(command)));
        if (!on || state.isEmpty()) {
            return lines;
        }
        XapiCheckState s = state.get();
        s.lastCheck().ifPresent(o -> {
            long age = s.msSinceLastCheck(nowNanos);
            lines.add(XapiStatusField.LAST_CHECK.line(result(o)));
            lines.add(XapiStatusField.LAST_CHECK_DETAIL.line(o.describe(s.checkLimitMs())));
            lines.add(XapiStatusField.LAST_CHECK_MS.line(o.elapsedMillis()));
            lines.add(XapiStatusField.LAST_CHECK_AT.line(now.minus(Duration.ofMillis(age))));
            lines.add(XapiStatusField.LAST_CHECK_AGE_MS.line(age));
        });
        lines.add(XapiStatusField.FAILED_IN_A_ROW.line(s.failedInARow()));
        lines.add(XapiStatusField.RESTARTS_USED.line(s.restartsUsed()));
        lines.add(XapiStatusField.RESTARTS_ALLOWED.line(s.restartsAllowed()));
        long fenceIn = s.msUntilSelfFence(nowNanos);
        lines.add(XapiStatusField.SELF_FENCE.line(fenceIn < 0 ? "none" : "pending"));
        if (fenceIn >= 0) {
            lines.add(XapiStatusField.SELF_FENCE_IN_MS.line(fenceIn));
            lines.add(XapiStatusField.SELF_FENCE_AT.line(now.plus(Duration.ofMillis(fenceIn))));
        }
        if (!s.error().isEmpty()) {
            lines.add(XapiStatusField.ERROR.line(s.error()));
        }
        return lines;
    }

    private static String result(XapiOutcome o) {
        return switch (o.ended()) {
            case EXITED -> o.succeeded() ? "passed" : "failed";
            case TIMED_OUT -> "timed_out";
            case NOT_STARTED -> "not_started";
        };
    }
}
