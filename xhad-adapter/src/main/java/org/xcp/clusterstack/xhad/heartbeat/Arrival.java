package org.xcp.clusterstack.xhad.heartbeat;

import java.util.Objects;

/**
 * A heartbeat that passed §6.3 steps 1 and 2, with the local {@link System#nanoTime()} of its receipt:
 * liveness is judged by the receiver's own monotonic clock, never by a sender's.
 */
public record Arrival(HeartbeatPacket packet, long receivedNanos) {
    public Arrival {
        Objects.requireNonNull(packet);
    }
}
