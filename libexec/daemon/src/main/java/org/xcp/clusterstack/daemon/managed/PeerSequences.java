package org.xcp.clusterstack.daemon.managed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.common.lock.PeerSections;
import org.xcp.clusterstack.api.statefile.HostSection;

/**
 * The other hosts' statefile sections as last read, and when each one's sequence last changed (by this
 * host's monotonic clock: spec §5.5), for the master lock and the liveset's raw data.
 */
final class PeerSequences implements PeerSections {
    private final List<Optional<HostSection>> sections;
    private final long[] sequence;
    private final long[] changedAt;
    private final boolean[] corrupted;

    PeerSequences(int hostCount) {
        sections = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            sections.add(Optional.empty());
        }
        sequence = new long[hostCount];
        changedAt = new long[hostCount];
        Arrays.fill(sequence, -1);
        Arrays.fill(changedAt, Long.MIN_VALUE);
        corrupted = new boolean[hostCount];
    }

    synchronized void read(List<HostSection> read, long now) {
        for (int i = 0; i < sections.size() && i < read.size(); i++) {
            HostSection s = read.get(i);
            corrupted[i] = !s.faults().isEmpty();
            if (!s.faults().isEmpty()) {
                sections.set(i, Optional.empty());
                continue;
            }
            long seq = Integer.toUnsignedLong(s.sequence());
            if (sequence[i] != -1 && seq != sequence[i]) {
                changedAt[i] = now;
            }
            sequence[i] = seq;
            sections.set(i, Optional.of(s));
        }
    }

    @Override
    public synchronized Optional<HostSection> section(int index) {
        return sections.get(index);
    }

    @Override
    public synchronized long sequence(int index) {
        return sequence[index];
    }

    /** Milliseconds since host {@code i}'s sequence last changed, or -1 if never seen to change. */
    synchronized long msSinceChange(int i, long now) {
        return changedAt[i] == Long.MIN_VALUE ? -1 : (now - changedAt[i]) / 1_000_000;
    }

    synchronized boolean excluded(int i) {
        return sections.get(i).map(s -> s.excluded() != 0).orElse(false);
    }

    /** The hosts whose section says they left on purpose. */
    synchronized HostSet excludedHosts() {
        HostSet set = HostSet.EMPTY;
        for (int i = 0; i < sections.size(); i++) {
            if (excluded(i)) {
                set = set.with(i);
            }
        }
        return set;
    }

    synchronized boolean corrupted(int i) {
        return corrupted[i];
    }
}
