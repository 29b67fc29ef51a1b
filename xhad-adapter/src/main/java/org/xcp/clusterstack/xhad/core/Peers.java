package org.xcp.clusterstack.xhad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.common.lock.PeerSections;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * What this host has seen of every host on both channels, by its own monotonic clock (spec §5.5, §6.3):
 * a host is in my hbdomain if I heard a valid heartbeat from it within T1, in my sfdomain if I saw its
 * statefile sequence change within T2. Timestamps from other hosts are never compared with mine.
 */
final class Peers implements PeerSections {
    private final int hostCount;
    private final int me;
    private final long t1Nanos;
    private final long t2Nanos;
    private final long[] lastHeartbeat;
    private final long[] lastStatefileChange;
    private final Integer[] lastSequence;
    private final List<Optional<HeartbeatPacket>> packets;
    private final List<Optional<HostSection>> sections;

    Peers(int hostCount, int me, long t1Nanos, long t2Nanos) {
        this.hostCount = hostCount;
        this.me = me;
        this.t1Nanos = t1Nanos;
        this.t2Nanos = t2Nanos;
        this.lastHeartbeat = filled(hostCount);
        this.lastStatefileChange = filled(hostCount);
        this.lastSequence = new Integer[hostCount];
        this.packets = new ArrayList<>(Collections.nCopies(hostCount, Optional.empty()));
        this.sections = new ArrayList<>(Collections.nCopies(hostCount, Optional.empty()));
    }

    void heard(HeartbeatPacket p, long now) {
        lastHeartbeat[p.hostIndex()] = now;
        packets.set(p.hostIndex(), Optional.of(p));
    }

    /** I am always on my own network. */
    void heardMyself(long now) {
        lastHeartbeat[me] = now;
    }

    /** My own write succeeded: I stay in my own sfdomain for T2. */
    void wroteOwnSection(long now) {
        lastStatefileChange[me] = now;
    }

    /** A section as read; a valid one whose sequence moved is a sign of life. */
    void read(int i, HostSection section, long now) {
        sections.set(i, Optional.of(section));
        if (i == me || !section.faults().isEmpty()) {
            return;
        }
        Integer previous = lastSequence[i];
        if (previous != null && previous != section.sequence()) {
            lastStatefileChange[i] = now;
        }
        lastSequence[i] = section.sequence();
    }

    HostSet hbdomain(long now) {
        return within(lastHeartbeat, t1Nanos, now);
    }

    HostSet sfdomain(long now) {
        return within(lastStatefileChange, t2Nanos, now);
    }

    /** The last heartbeat of host {@code i}, while it is on my network. */
    Optional<HeartbeatPacket> packet(int i, long now) {
        return hbdomain(now).contains(i) ? packets.get(i) : Optional.empty();
    }

    @Override
    public Optional<HostSection> section(int i) {
        return sections.get(i);
    }

    List<Optional<HostSection>> sections() {
        return List.copyOf(sections);
    }

    /** When I last heard host {@code i}'s heartbeat (my nanoTime), or -1. */
    long lastHeard(int i) {
        return lastHeartbeat[i];
    }

    /** When I last saw host {@code i}'s statefile sequence change (my nanoTime), or -1. */
    long lastStatefileChange(int i) {
        return lastStatefileChange[i];
    }

    /** The statefile sequence of host {@code i} as last read, or -1. */
    @Override
    public long sequence(int i) {
        return lastSequence[i] == null ? -1 : Integer.toUnsignedLong(lastSequence[i]);
    }

    List<Long> heartbeatTimes() {
        List<Long> times = new ArrayList<>(hostCount);
        for (long t : lastHeartbeat) {
            times.add(t);
        }
        return times;
    }

    List<Long> statefileUpdateTimes() {
        List<Long> times = new ArrayList<>(hostCount);
        for (long t : lastStatefileChange) {
            times.add(t);
        }
        return times;
    }

    /** Milliseconds since host {@code i} was last heard on each channel, -1 for never: what hosts publish. */
    List<Integer> msSinceHeartbeats(long now) {
        return ages(lastHeartbeat, now);
    }

    List<Integer> msSinceStatefileUpdates(long now) {
        return ages(lastStatefileChange, now);
    }

    private List<Integer> ages(long[] times, long now) {
        List<Integer> ms = new ArrayList<>(Collections.nCopies(HostSet.MAX_HOSTS, -1));
        for (int i = 0; i < hostCount; i++) {
            if (times[i] >= 0) {
                ms.set(i, (int) Math.min(Integer.MAX_VALUE, (now - times[i]) / 1_000_000));
            }
        }
        return ms;
    }

    private HostSet within(long[] times, long window, long now) {
        HostSet set = HostSet.EMPTY;
        for (int i = 0; i < hostCount; i++) {
            if (times[i] >= 0 && now - times[i] <= window) {
                set = set.with(i);
            }
        }
        return set;
    }

    private static long[] filled(int n) {
        long[] a = new long[n];
        Arrays.fill(a, -1);
        return a;
    }
}
