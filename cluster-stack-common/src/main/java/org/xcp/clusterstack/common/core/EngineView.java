package org.xcp.clusterstack.common.core;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;

/**
 * A picture of what one host's core knows, made on the engine thread and read by any thread (liveset
 * queries, status); immutable but for the two latency meters, which keep counting until a document takes them.
 *
 * @param statefileUpdates per configured host, the {@link System#nanoTime()} when I last saw its sequence
 *        change, or -1 if never (the renderer turns it into milliseconds at query time)
 * @param statefileLost the pool survives by SR-2 (spec §7.3): live hosts may be without the statefile
 * @param withoutStatefile the hosts I hear that report no statefile access, me included when I have none
 * @param heartbeatTimes per configured host, the {@link System#nanoTime()} when I last heard it on the membership
 *        channel (a heartbeat; for a stack on a manager, a quorate sample listing it), or -1 if never (both arrays
 *        are copies made for this view and never changed: primitive arrays, as the view is remade several times a
 *        second on the engine thread)
 * @param statefileLatency the durations of statefile cycles, in ms: live, taken by each published document
 * @param heartbeatLatency the intervals between this host's heartbeats (for a stack on a manager, between its
 *        samples of the manager), in ms: live, taken by each published document
 * @param xapi xapi's health on every host: this host's health checks, and who is restarting xapi (spec §7.4)
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
        long[] statefileUpdates,
        long[] heartbeatTimes,
        LatencyMeter statefileLatency,
        LatencyMeter heartbeatLatency,
        XapiView xapi) {

    /** Milliseconds since host {@code i}'s last statefile update, by my clock; -1 if never. */
    public long msSinceStatefileUpdate(int i, long nowNanos) {
        return age(statefileUpdates[i], nowNanos);
    }

    /** Milliseconds since I last heard host {@code i} on the membership channel; -1 if never. */
    public long msSinceHeartbeat(int i, long nowNanos) {
        return age(heartbeatTimes[i], nowNanos);
    }

    private static long age(long t, long nowNanos) {
        return t < 0 ? -1 : (nowNanos - t) / 1_000_000;
    }
}
