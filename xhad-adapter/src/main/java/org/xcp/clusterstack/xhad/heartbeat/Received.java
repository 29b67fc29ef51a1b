package org.xcp.clusterstack.xhad.heartbeat;

import java.util.Optional;

/** What a datagram decodes to: exactly one of a packet of this pool or the reason it was dropped. */
public record Received(Optional<HeartbeatPacket> packet, Optional<DropReason> dropReason) {
    public Received {
        if (packet.isPresent() == dropReason.isPresent()) {
            throw new IllegalArgumentException("a datagram is either a packet or dropped, not both or neither");
        }
    }

    public static Received valid(HeartbeatPacket packet) {
        return new Received(Optional.of(packet), Optional.empty());
    }

    public static Received dropped(DropReason reason) {
        return new Received(Optional.empty(), Optional.of(reason));
    }

    public boolean isPacket() {
        return packet.isPresent();
    }
}
