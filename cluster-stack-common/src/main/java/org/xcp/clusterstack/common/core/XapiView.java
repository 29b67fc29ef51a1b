package org.xcp.clusterstack.common.core;

/**
 * What a view knows of xapi's health on every configured host (spec §4.1, {@code raw_status_on_local_host}), made
 * by the core on the engine thread and read by any thread.
 *
 * @param latency the durations of this host's passed health checks, in ms: live, taken by each published document
 * @param checkStartedAt when this host's health check in flight started (my nanoTime), or -1
 * @param restartingSince per configured host, since when it has been restarting xapi (my nanoTime: for a peer,
 *        what it last published, carried to my clock), or -1 when it is not
 * @param errors per configured host, the output of its last failed health check as it last published it; empty
 *        when it passed or when nobody said
 * @param local where this host's own health check stands (status)
 */
public record XapiView(LatencyMeter latency, long checkStartedAt, long[] restartingSince, String[] errors,
        XapiCheckState local) {
    /** Milliseconds since host {@code i} began restarting xapi, or -1. */
    public long msSinceRestartBegan(int i, long nowNanos) {
        long t = restartingSince[i];
        return t < 0 ? -1 : Math.max(0, (nowNanos - t) / 1_000_000);
    }
}
