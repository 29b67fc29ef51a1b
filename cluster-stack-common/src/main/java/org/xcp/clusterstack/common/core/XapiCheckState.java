package org.xcp.clusterstack.common.core;

import java.util.Optional;
import org.xcp.clusterstack.api.spi.XapiOutcome;

/**
 * Where this host's xapi health check stands (spec §7.4), as {@code cluster-stack status} shows it: is this host
 * about to fence itself for xapi? Made by the core with each view on the engine thread, read by any thread; times
 * are the core's {@link System#nanoTime()}, -1 for none.
 *
 * @param lastCheck how the last health check ended; empty before the first
 * @param lastCheckAt when it ended
 * @param checkLimitMs TXapi, which a check that timed out ran into
 * @param failedInARow health checks that failed or could not be started since the last one that passed
 * @param restartsUsed restart attempts counted against {@code restartsAllowed} now: since the last restart that
 *        worked, none once that was over a day ago (what the next failed check would go on from)
 * @param restartsAllowed XapiRestartAttempts
 * @param selfFenceAt when this host fences itself for xapi (2 t1 after it gave up on xapi), or -1 if it will not
 * @param error xapi's error string: the output of the last failed check, empty once a check passes
 */
public record XapiCheckState(Optional<XapiOutcome> lastCheck, long lastCheckAt, long checkLimitMs, int failedInARow,
        int restartsUsed, int restartsAllowed, long selfFenceAt, String error) {

    /** Milliseconds since the last check ended, by my clock; -1 before the first. */
    public long msSinceLastCheck(long nowNanos) {
        return lastCheckAt < 0 ? -1 : Math.max(0, (nowNanos - lastCheckAt) / 1_000_000);
    }

    /** Milliseconds until the self-fence, 0 when due; -1 when none is pending. */
    public long msUntilSelfFence(long nowNanos) {
        return selfFenceAt < 0 ? -1 : Math.max(0, (selfFenceAt - nowNanos) / 1_000_000);
    }
}
