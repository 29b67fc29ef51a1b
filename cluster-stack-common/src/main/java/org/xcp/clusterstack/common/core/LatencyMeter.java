package org.xcp.clusterstack.common.core;

/**
 * One latency of the liveset's {@code raw_status_on_local_host} (spec §4.1): the last sample and the largest and
 * smallest since a liveset document was last published. Every published document is what a query returns, so
 * publishing one starts the next window from the last sample ("every query resets the _max and _min values");
 * -1 until the first sample. Written by the engine's thread, read and restarted by the thread that publishes.
 */
public final class LatencyMeter {
    private long last = -1;
    private long max = -1;
    private long min = -1;

    /** One sample, in ms. */
    public synchronized void add(long sampleMs) {
        last = sampleMs;
        max = Math.max(max, sampleMs);
        min = min < 0 ? sampleMs : Math.min(min, sampleMs);
    }

    /** The window as it stands. */
    public synchronized Window peek() {
        return new Window(last, max, min);
    }

    /** A document was published: the next window starts from the last sample. */
    public synchronized void restart() {
        max = last;
        min = last;
    }

    /** Last, max and min of one window, in ms; -1 for none. */
    public record Window(long last, long max, long min) {
        public static final Window NONE = new Window(-1, -1, -1);
    }
}
