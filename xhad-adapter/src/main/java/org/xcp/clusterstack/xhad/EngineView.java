package org.xcp.clusterstack.xhad;

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
 * @param msSinceStatefileUpdate per configured host, by my clock, since I saw its sequence change (-1 never)
 * @param statefileLatency the durations of this cycle's statefile I/O, in ms
 */
record EngineView(
        HostState state,
        boolean fencingArmed,
        HostSet currentLiveset,
        HostSet hbdomain,
        HostSet sfdomain,
        boolean statefileAccess,
        boolean statefileCorrupted,
        Optional<GlobalSection> global,
        List<Optional<HostSection>> hosts,
        List<Long> msSinceStatefileUpdate,
        LatencyWindow statefileLatency) {

    /** Last, max and min of the samples of one publication window, in ms; -1 for none. */
    record LatencyWindow(long last, long max, long min) {
        static final LatencyWindow NONE = new LatencyWindow(-1, -1, -1);

        LatencyWindow add(long sample) {
            return new LatencyWindow(sample, Math.max(max, sample), min < 0 ? sample : Math.min(min, sample));
        }
    }
}
