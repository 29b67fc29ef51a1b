package org.xcp.clusterstack.xhad;

import java.util.HashMap;
import java.util.Map;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * At most one log line per {@code every} for datagrams the heartbeat refused, with the counts by reason since the
 * last line: a flood of forged datagrams must not fill the disk, and an admin must still see that it happened.
 */
final class DropSummary {
    private final long everyNanos;
    private final EngineLog log;
    private final Map<String, Long> reported = new HashMap<>();
    private long lastLine;

    DropSummary(long everyNanos, EngineLog log, long now) {
        this.everyNanos = everyNanos;
        this.log = log;
        this.lastLine = now;
    }

    void maybeLog(Map<String, Long> counts, long now) {
        if (now - lastLine < everyNanos) {
            return;
        }
        lastLine = now;
        StringBuilder line = new StringBuilder();
        counts.forEach((reason, count) -> {
            long since = count - reported.getOrDefault(reason, 0L);
            if (since > 0) {
                line.append(line.length() == 0 ? "" : ", ").append(reason).append(' ').append(since);
            }
        });
        reported.putAll(counts);
        if (line.length() > 0) {
            log.warn("heartbeat datagrams refused in the last " + everyNanos / 1_000_000_000L + " s: " + line
                    + " (cluster-stack status has the totals)");
        }
    }
}
