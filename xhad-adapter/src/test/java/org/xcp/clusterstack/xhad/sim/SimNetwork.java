package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatCodec;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * The UDP unicast of spec §6.1 between simulated hosts: per receiver, the {@link Network} loses the datagram,
 * hands it over at once, or holds it until its delay has passed. Decoding uses the receiver's own config, as
 * {@code UdpHeartbeat} does; a packet a core sent must always decode.
 */
final class SimNetwork {
    /** A heartbeat reaching {@code receiver}'s socket at virtual nanoTime {@code at}. */
    record Delivery(int receiver, HeartbeatPacket packet, long at) {
    }

    private record InFlight(long order, Delivery delivery) {
    }

    private final Network network;
    private final Random random;
    private final List<DaemonConfig> configs;
    private final SimTrace trace;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(Comparator
            .comparingLong((InFlight f) -> f.delivery().at()).thenComparingLong(InFlight::order));
    private long sent;

    SimNetwork(Network network, Random random, List<DaemonConfig> configs, SimTrace trace) {
        this.network = network;
        this.random = random;
        this.configs = configs;
        this.trace = trace;
    }

    /** One datagram to every other configured host; returns those that arrive now, queues the delayed ones. */
    List<Delivery> send(int sender, HeartbeatPacket packet, long now, Duration time) {
        byte[] datagram = network.wire() ? HeartbeatCodec.encode(packet) : null;
        List<Delivery> arriving = new ArrayList<>();
        for (int receiver = 0; receiver < configs.size(); receiver++) {
            if (receiver == sender) {
                continue;
            }
            if (network.loss() > 0 && random.nextDouble() < network.loss()) {
                trace.add(time, receiver, "lost heartbeat " + packet.sequence() + " from " + sender);
                continue;
            }
            Delivery d = new Delivery(receiver, datagram == null ? packet : decode(datagram, receiver, sender),
                    now + delay());
            if (d.at() == now) {
                arriving.add(d);
            } else {
                inFlight.add(new InFlight(++sent, d));
            }
        }
        return arriving;
    }

    /** Delayed datagrams whose time has come, in order of arrival. */
    List<Delivery> due(long now) {
        List<Delivery> due = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek().delivery().at() <= now) {
            due.add(inFlight.poll().delivery());
        }
        return due;
    }

    private long delay() {
        long min = network.minDelay().toNanos();
        long span = network.maxDelay().toNanos() - min;
        return min + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    }

    private HeartbeatPacket decode(byte[] datagram, int receiver, int sender) {
        return HeartbeatCodec.decode(datagram, configs.get(receiver)).packet().orElseThrow(() -> new AssertionError(
                "host " + receiver + " cannot decode a heartbeat of host " + sender));
    }
}
