package org.xcp.clusterstack.xhad.core;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;

/**
 * An immutable picture of what the engine knows, made at the end of every statefile cycle on the engine
 * thread and read by any thread (liveset queries, status).
 *
 * @param statefileUpdates per configured host, the {@link System#nanoTime()} when I last saw its sequence
 *        change, or -1 if never (the renderer turns it into milliseconds at query time)
 * @param statefileLost the pool survives by SR-2 (spec §7.3): live hosts may be without the statefile
 * @param withoutStatefile the hosts I hear that report no statefile access, me included when I have none
 * @param statefileLatency the durations of this cycle's statefile I/O, in ms
 */
public record EngineView(
        HostState state,
        boolean fencingArmed,
        HostSet currentLiveset,
        HostSet hbdomain,
        HostSet sfdomain,
        boolean statefileAccess,
        boolean statefileCorrupted,
        boolean statefileLost,
        HostSet withoutStatefile,
        Optional<GlobalSection> global,
        List<Optional<HostSection>> hosts,
        List<Long> statefileUpdates,
        List<Long> heartbeatTimes,
        LatencyWindow statefileLatency) {

    /** Milliseconds since host {@code i}'s last statefile update, by my clock; -1 if never. */
    long msSinceStatefileUpdate(int i, long nowNanos) {
        return age(statefileUpdates.get(i), nowNanos);
    }

    /** Milliseconds since I last heard host {@code i}'s heartbeat; -1 if never. */
    long msSinceHeartbeat(int i, long nowNanos) {
        return age(heartbeatTimes.get(i), nowNanos);
    }

    private static long age(long t, long nowNanos) {
        return t < 0 ? -1 : (nowNanos - t) / 1_000_000;
    }

    /** Last, max and min of the samples of one publication window, in ms; -1 for none. */
    public record LatencyWindow(long last, long max, long min) {
        static final LatencyWindow NONE = new LatencyWindow(-1, -1, -1);

        /** A new window after a publication: max and min start again from the last sample (spec §4.1). */
        LatencyWindow restart() {
            return new LatencyWindow(last, last, last);
        }

        LatencyWindow add(long sample) {
            return new LatencyWindow(sample, Math.max(max, sample), min < 0 ? sample : Math.min(min, sample));
        }
    }
}
