package org.xcp.clusterstack.xhad.heartbeat;

import org.xcp.clusterstack.api.HostSet;

/**
 * The freshness rule of keyed heartbeats ({@code docs/heartbeat-auth.md}, receipt step 4): which life
 * (incarnation) of each sender this host believes, how far in its sequence, and what it echoes back. A heartbeat
 * is <em>fresh</em> when it echoes this host's own incarnation and one of its last {@code window} sequences: only
 * a key holder who heard this life of this host recently can make one. A sender's heartbeats are accepted while
 * they continue the believed life in sequence, or when they are fresh (a new life, of the sender or of this host).
 * Clock-free and pure: the only counter is this host's own heartbeats. Not thread-safe; {@link HeartbeatWire}
 * serialises it.
 */
final class SenderLives {
    private final long myIncarnation;
    private final int window;
    private int mySequence;
    private long rounds;
    private final long[] incarnation = new long[HostSet.MAX_HOSTS];
    private final int[] sequence = new int[HostSet.MAX_HOSTS];
    private final long[] acceptedAtRound = new long[HostSet.MAX_HOSTS];
    private final long[] candidateIncarnation = new long[HostSet.MAX_HOSTS];
    private final int[] candidateSequence = new int[HostSet.MAX_HOSTS];

    /**
     * @param myIncarnation this daemon's life, never 0
     * @param window how many of my own heartbeats old an echo may be, at least 1
     */
    SenderLives(long myIncarnation, int window) {
        if (myIncarnation == 0 || window < 1) {
            throw new IllegalArgumentException("incarnation " + myIncarnation + ", window " + window);
        }
        this.myIncarnation = myIncarnation;
        this.window = window;
    }

    long myIncarnation() {
        return myIncarnation;
    }

    /** I sent heartbeat {@code sequence} (to everyone): echoes of it are fresh from now on. */
    void sent(int sequence) {
        mySequence = sequence;
        rounds++;
    }

    /** The incarnation my next heartbeat to {@code peer} echoes: its believed life, or the best candidate (0: none). */
    long echoIncarnation(int peer) {
        return incarnation[peer] != 0 ? incarnation[peer] : candidateIncarnation[peer];
    }

    /** The sequence that goes with {@link #echoIncarnation}. */
    int echoSequence(int peer) {
        return incarnation[peer] != 0 ? sequence[peer] : candidateSequence[peer];
    }

    /**
     * An authentic heartbeat of {@code sender}: null if it is accepted (and becomes the sender's last), else why not:
     * {@link DropReason#STALE_SEQUENCE} (a duplicate, a replay, or an older life's words) or
     * {@link DropReason#NOT_FRESH} (a life not yet believed; remembered, so that the handshake can echo it).
     */
    DropReason admit(int sender, long senderIncarnation, int senderSequence, long echoIncarnation, int echoSequence) {
        if (incarnation[sender] != 0 && senderIncarnation == incarnation[sender]) {
            if (!SequenceFilter.newer(senderSequence, sequence[sender])) {
                return DropReason.STALE_SEQUENCE;
            }
            believe(sender, senderIncarnation, senderSequence);
            return null;
        }
        if (fresh(echoIncarnation, echoSequence)) {
            if (incarnation[sender] != 0 && Long.compareUnsigned(senderIncarnation, incarnation[sender]) < 0
                    && rounds - acceptedAtRound[sender] <= window) {
                return DropReason.STALE_SEQUENCE; // the last words of an older life, while the new one speaks
            }
            believe(sender, senderIncarnation, senderSequence);
            return null;
        }
        if (incarnation[sender] == 0 && (Long.compareUnsigned(senderIncarnation, candidateIncarnation[sender]) > 0
                || senderIncarnation == candidateIncarnation[sender]
                        && SequenceFilter.newer(senderSequence, candidateSequence[sender]))) {
            candidateIncarnation[sender] = senderIncarnation;
            candidateSequence[sender] = senderSequence;
        }
        return DropReason.NOT_FRESH;
    }

    private boolean fresh(long echoIncarnation, int echoSequence) {
        return echoIncarnation == myIncarnation && echoSequence != 0
                && Integer.toUnsignedLong(mySequence - echoSequence) <= window;
    }

    private void believe(int sender, long senderIncarnation, int senderSequence) {
        incarnation[sender] = senderIncarnation;
        sequence[sender] = senderSequence;
        acceptedAtRound[sender] = rounds;
        candidateIncarnation[sender] = 0;
        candidateSequence[sender] = 0;
    }

}
