package org.xcp.clusterstack.xhad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.HostSection;

/**
 * What this host has seen of the other hosts' statefile sections, by its own monotonic clock: the
 * sequence-number liveness rule of spec §5.5 (a host is in my sfdomain if I saw its sequence change within
 * T2; timestamps in the file are never compared across hosts).
 */
final class StatefileView {
    private final int hostCount;
    private final int me;
    private final long timeoutNanos;
    private final Integer[] lastSequence;
    private final long[] lastChangeNanos;
    private final List<Optional<HostSection>> sections;
    private long lastOwnWriteNanos = -1;

    StatefileView(int hostCount, int me, long timeoutNanos) {
        this.hostCount = hostCount;
        this.me = me;
        this.timeoutNanos = timeoutNanos;
        this.lastSequence = new Integer[hostCount];
        this.lastChangeNanos = new long[hostCount];
        java.util.Arrays.fill(lastChangeNanos, -1);
        this.sections = new ArrayList<>(Collections.nCopies(hostCount, Optional.empty()));
    }

    /** My own write succeeded: I am in my own sfdomain for the next T2. */
    void wroteOwnSection(long nowNanos) {
        lastOwnWriteNanos = nowNanos;
        lastChangeNanos[me] = nowNanos;
    }

    /** Records host {@code i}'s section as read now; a valid section whose sequence moved counts as a sign of life. */
    void read(int i, HostSection section, long nowNanos) {
        sections.set(i, Optional.of(section));
        if (i == me || !section.faults().isEmpty()) {
            return;
        }
        Integer previous = lastSequence[i];
        if (previous != null && previous != section.sequence()) {
            lastChangeNanos[i] = nowNanos;
        }
        lastSequence[i] = section.sequence();
    }

    HostSet sfdomain(long nowNanos) {
        HostSet set = HostSet.EMPTY;
        for (int i = 0; i < hostCount; i++) {
            if (lastChangeNanos[i] >= 0 && nowNanos - lastChangeNanos[i] <= timeoutNanos) {
                set = set.with(i);
            }
        }
        return set;
    }

    boolean ownWritesFresh(long nowNanos) {
        return lastOwnWriteNanos >= 0 && nowNanos - lastOwnWriteNanos <= timeoutNanos;
    }

    Optional<HostSection> section(int i) {
        return sections.get(i);
    }

    List<Optional<HostSection>> sections() {
        return List.copyOf(sections);
    }

    List<Long> updateTimes() {
        List<Long> times = new ArrayList<>(hostCount);
        for (long t : lastChangeNanos) {
            times.add(t);
        }
        return times;
    }
}
