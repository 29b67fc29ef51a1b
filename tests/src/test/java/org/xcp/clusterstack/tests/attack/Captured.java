package org.xcp.clusterstack.tests.attack;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.config.DaemonConfig;

/**
 * The pool's heartbeats in a capture, by sender and destination index: what an attacker on the segment has
 * seen. Only datagrams from a configured address and port to another one that look like heartbeats count.
 */
final class Captured {
    /** One heartbeat on the wire: when, from which host index to which, its datagram. */
    record Heartbeat(long nanos, int from, int to, byte[] datagram) {
        int sequence() {
            return Wire.sequence(datagram);
        }

        boolean keyed() {
            return Wire.keyed(datagram);
        }
    }

    private final List<Heartbeat> heartbeats;

    private Captured(List<Heartbeat> heartbeats) {
        this.heartbeats = List.copyOf(heartbeats);
    }

    static Captured none() {
        return new Captured(List.of());
    }

    static Captured read(Path pcap, DaemonConfig config) throws IOException {
        List<Heartbeat> out = new ArrayList<>();
        for (Pcap.Udp u : Pcap.read(pcap)) {
            int from = index(config, u.source());
            int to = index(config, u.destination());
            if (from >= 0 && to >= 0 && from != to && u.sourcePort() == config.udpPort()
                    && u.destinationPort() == config.udpPort() && Wire.looksLikeHeartbeat(u.payload())
                    && Wire.senderIndex(u.payload()) == from) {
                out.add(new Heartbeat(u.nanos(), from, to, u.payload()));
            }
        }
        return new Captured(out);
    }

    private static int index(DaemonConfig config, InetAddress address) {
        return config.hosts().stream().filter(h -> h.address().equals(address)).mapToInt(h -> h.index())
                .findFirst().orElse(-1);
    }

    /** Every heartbeat {@code from} sent to {@code to}, in capture order. */
    List<Heartbeat> between(int from, int to) {
        return heartbeats.stream().filter(h -> h.from() == from && h.to() == to).toList();
    }

    Optional<Heartbeat> last(int from, int to) {
        List<Heartbeat> all = between(from, to);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The newest keyed heartbeat on the wire, whichever hosts it was between. */
    Optional<Heartbeat> lastKeyed() {
        for (int i = heartbeats.size() - 1; i >= 0; i--) {
            if (heartbeats.get(i).keyed()) {
                return Optional.of(heartbeats.get(i));
            }
        }
        return Optional.empty();
    }

    List<Heartbeat> all() {
        return heartbeats;
    }
}
