package org.xcp.clusterstack.xhad.heartbeat;

import org.xcp.clusterstack.api.HostSet;

/**
 * Spec §6.3 step 2: drops duplicated, reordered and replayed heartbeats by the sender's u32 sequence
 * number. A packet is fresh if its sequence is greater than the last accepted one, or if the last one is
 * more than 2^31 ahead of it (the sender's counter wrapped around). Every sender starts at 0, so its
 * first packet (sequence 1) is fresh. Pure: no clock, no I/O; methods are synchronized because the receive
 * thread filters while the engine resets.
 */
public final class SequenceFilter {
    private static final long HALF_RANGE = 0x8000_0000L;

    private final int[] last = new int[HostSet.MAX_HOSTS];

    /** Whether {@code sequence} from {@code sender} is fresh; if so it becomes the sender's last. */
    public synchronized boolean accept(int sender, int sequence) {
        return accept(sender, sequence, HALF_RANGE);
    }

    /**
     * As {@link #accept(int, int)}, and no more than {@code maxJump} ahead of the sender's last (unless it has
     * none): a sender heard within T1 cannot have sent more heartbeats than fit in T1, so a sequence far ahead
     * is a blind forgery trying to make the real sender's heartbeats look old (docs/heartbeat-auth.md).
     */
    public synchronized boolean accept(int sender, int sequence, long maxJump) {
        long ahead = Integer.toUnsignedLong(sequence - last[sender]);
        if (newer(sequence, last[sender]) && (last[sender] == 0 || ahead <= maxJump)) {
            last[sender] = sequence;
            return true;
        }
        return false;
    }

    /** §6.3 step 2's u32 rule: {@code candidate} is greater, or so much smaller that the counter must have wrapped. */
    static boolean newer(int candidate, int last) {
        long c = Integer.toUnsignedLong(candidate);
        long l = Integer.toUnsignedLong(last);
        return c > l || l - c > HALF_RANGE;
    }

    /**
     * Forgets {@code sender}'s last sequence, when it leaves the hbdomain: a restarted daemon counts from 1
     * again and must be heard.
     */
    public synchronized void reset(int sender) {
        last[sender] = 0;
    }

    /** The last accepted sequence of {@code sender} (a u32 in an int), 0 if none. */
    public synchronized int last(int sender) {
        return last[sender];
    }
}
