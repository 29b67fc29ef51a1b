package org.xcp.clusterstack.common.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.common.lock.PeerSections;

/**
 * What this host has read of every host section, by its own monotonic clock (spec §5.5, the sequence-number
 * liveness rule): a host is in my sfdomain while I saw its sequence change within T2, and I am in mine while
 * my own writes succeed. Timestamps written by other hosts are never compared with mine. One implementation
 * for every engine kind.
 */
public final class SectionReads implements PeerSections {
    private final int hostCount;
    private final int me;
    private final long t2Nanos;
    private final long[] lastChange;
    private final Integer[] lastSequence;
    private final List<Optional<HostSection>> sections;

    public SectionReads(int hostCount, int me, long t2Nanos) {
        this.hostCount = hostCount;
        this.me = me;
        this.t2Nanos = t2Nanos;
        this.lastChange = new long[hostCount];
        Arrays.fill(lastChange, -1);
        this.lastSequence = new Integer[hostCount];
        this.sections = new ArrayList<>(Collections.nCopies(hostCount, Optional.empty()));
    }

    /** My own write succeeded: I stay in my own sfdomain for T2. */
    public void wroteOwnSection(long now) {
        lastChange[me] = now;
    }

    /** A section as read; a valid one whose sequence moved is a sign of life. */
    public void read(int i, HostSection section, long now) {
        sections.set(i, Optional.of(section));
        if (i == me || !section.faults().isEmpty()) {
            return;
        }
        Integer previous = lastSequence[i];
        if (previous != null && previous != section.sequence()) {
            lastChange[i] = now;
        }
        lastSequence[i] = section.sequence();
    }

    /** The hosts whose sequence I saw change within T2 (and me while my writes succeed). */
    public HostSet sfdomain(long now) {
        long bits = 0;
        for (int i = 0; i < hostCount; i++) {
            if (lastChange[i] >= 0 && now - lastChange[i] <= t2Nanos) {
                bits |= 1L << i;
            }
        }
        return HostSet.ofBits(bits);
    }

    @Override
    public Optional<HostSection> section(int i) {
        return sections.get(i);
    }

    public List<Optional<HostSection>> sections() {
        return List.copyOf(sections);
    }

    /** The statefile sequence of host {@code i} as last read, or -1. */
    @Override
    public long sequence(int i) {
        return lastSequence[i] == null ? -1 : Integer.toUnsignedLong(lastSequence[i]);
    }

    /** Whether host {@code i}'s section, as last read, says it left on purpose (spec §7.7). */
    public boolean excluded(int i) {
        return sections.get(i).map(s -> s.excluded() != 0).orElse(false);
    }

    /** The other hosts whose section says excluded. */
    public HostSet excludedPeers() {
        HostSet set = HostSet.EMPTY;
        for (int i = 0; i < hostCount; i++) {
            if (i != me && excluded(i)) {
                set = set.with(i);
            }
        }
        return set;
    }

    /** Whether host {@code i}'s section, as last read, is a running member's: written by that run, not starting. */
    public boolean saysStarting(int i) {
        return sections.get(i).map(s -> s.starting() != 0).orElse(false);
    }

    /** When I last saw host {@code i}'s sequence change (my nanoTime), or -1. */
    public long lastChange(int i) {
        return lastChange[i];
    }

    /** When I last saw each host's sequence change (my nanoTime), or -1; per host, in index order. */
    public long[] updateTimes() {
        return java.util.Arrays.copyOf(lastChange, hostCount);
    }

    /** Milliseconds since each host's last update, -1 for never, over all 64 slots: what a host section carries. */
    public List<Integer> msSinceUpdates(long now) {
        return ages(lastChange, hostCount, now);
    }

    /** Ages in ms of {@code times} (nanoTime, -1 = never) over all 64 slots, as host sections and packets carry them. */
    public static List<Integer> ages(long[] times, int hostCount, long now) {
        List<Integer> ms = new ArrayList<>(Collections.nCopies(HostSet.MAX_HOSTS, -1));
        for (int i = 0; i < hostCount; i++) {
            if (times[i] >= 0) {
                ms.set(i, (int) Math.min(Integer.MAX_VALUE, (now - times[i]) / 1_000_000));
            }
        }
        return ms;
    }
}
