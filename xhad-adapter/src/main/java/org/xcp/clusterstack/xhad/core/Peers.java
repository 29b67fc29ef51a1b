package org.xcp.clusterstack.xhad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.common.core.SectionReads;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * What this host has heard of every host on the network, by its own monotonic clock (spec §6.3): a host is in
 * my hbdomain if I heard a valid heartbeat from it within T1. The statefile half (spec §5.5) is the core's
 * {@link SectionReads}, which this view passes through so the fault handler reads both channels in one place.
 * Timestamps from other hosts are never compared with mine.
 */
final class Peers {
    private final int hostCount;
    private final int me;
    private final long t1Nanos;
    private final SectionReads statefile;
    private final long[] lastHeartbeat;
    private final List<Optional<HeartbeatPacket>> packets;

    Peers(int hostCount, int me, long t1Nanos, SectionReads statefile) {
        this.hostCount = hostCount;
        this.me = me;
        this.t1Nanos = t1Nanos;
        this.statefile = statefile;
        this.lastHeartbeat = new long[hostCount];
        Arrays.fill(lastHeartbeat, -1);
        this.packets = new ArrayList<>(Collections.nCopies(hostCount, Optional.empty()));
    }

    void heard(HeartbeatPacket p, long now) {
        lastHeartbeat[p.hostIndex()] = now;
        packets.set(p.hostIndex(), Optional.of(p));
    }

    /** I am always on my own network. */
    void heardMyself(long now) {
        lastHeartbeat[me] = now;
    }

    HostSet hbdomain(long now) {
        long bits = 0;
        for (int i = 0; i < hostCount; i++) {
            if (heardWithinT1(i, now)) {
                bits |= 1L << i;
            }
        }
        return HostSet.ofBits(bits);
    }

    private boolean heardWithinT1(int i, long now) {
        return lastHeartbeat[i] >= 0 && now - lastHeartbeat[i] <= t1Nanos;
    }

    HostSet sfdomain(long now) {
        return statefile.sfdomain(now);
    }

    /** The last heartbeat of host {@code i}, while it is on my network. */
    Optional<HeartbeatPacket> packet(int i, long now) {
        return heardWithinT1(i, now) ? packets.get(i) : Optional.empty();
    }

    Optional<HostSection> section(int i) {
        return statefile.section(i);
    }

    /** When I last heard host {@code i}'s heartbeat (my nanoTime), or -1. */
    long lastHeard(int i) {
        return lastHeartbeat[i];
    }

    /** When I last saw host {@code i}'s statefile sequence change (my nanoTime), or -1. */
    long lastStatefileChange(int i) {
        return statefile.lastChange(i);
    }

    long[] heartbeatTimes() {
        return java.util.Arrays.copyOf(lastHeartbeat, hostCount);
    }

    /** Milliseconds since host {@code i} was last heard, -1 for never, over all 64 slots: what hosts publish. */
    List<Integer> msSinceHeartbeats(long now) {
        return SectionReads.ages(lastHeartbeat, hostCount, now);
    }
}
