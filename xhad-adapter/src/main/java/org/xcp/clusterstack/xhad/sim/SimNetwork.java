package org.xcp.clusterstack.xhad.sim;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Supplier;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatCodec;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatWire;

/**
 * The UDP unicast of spec §6.1 between simulated hosts, as a matrix of directed links. Each link follows its
 * own {@link Network} (loss and delay; every link starts as the pool's) and may be cut: a cut A→B with B→A
 * intact is an asymmetric link, cutting every link between groups is a partition. Decoding uses the
 * receiver's own config, as {@code UdpHeartbeat} does; a packet a core sent must always decode.
 */
final class SimNetwork {
    /**
     * A heartbeat reaching {@code receiver}'s socket at virtual nanoTime {@code at}: decoded already ({@code packet},
     * an unkeyed pool), or the bytes on the wire ({@code datagram}, from {@code source}) for the receiver's
     * {@link org.xcp.clusterstack.xhad.heartbeat.HeartbeatWire}. {@code forged}: put on the wire by a
     * {@link SimAdversary}, not by a host.
     */
    record Delivery(int receiver, HeartbeatPacket packet, long at, byte[] datagram, InetAddress source,
            boolean forged) {
        Delivery(int receiver, HeartbeatPacket packet, long at) {
            this(receiver, packet, at, null, null, false);
        }
    }

    private record InFlight(long order, Delivery delivery) {
    }

    private final Network base;
    private final Random random;
    private final List<DaemonConfig> configs;
    private final SimTrace trace;
    private final Network[][] links;
    private final boolean[][] cut;
    private final PriorityQueue<InFlight> inFlight = new PriorityQueue<>(Comparator
            .comparingLong((InFlight f) -> f.delivery().at()).thenComparingLong(InFlight::order));
    private long sent;

    SimNetwork(Network network, Random random, List<DaemonConfig> configs, SimTrace trace) {
        this.base = network;
        this.random = random;
        this.configs = configs;
        this.trace = trace;
        int n = configs.size();
        this.links = new Network[n][n];
        this.cut = new boolean[n][n];
        heal();
    }

    // ---- faults ----

    /** Cuts the one direction {@code from → to}; the other direction keeps working. */
    void cut(int from, int to) {
        cut[from][to] = true;
    }

    void restore(int from, int to) {
        cut[from][to] = false;
    }

    /** Cuts every link between hosts of different groups; a host in no group is cut off from everyone. */
    void partition(List<HostSet> groups) {
        int n = configs.size();
        int[] group = new int[n];
        for (int i = 0; i < n; i++) {
            group[i] = -1 - i;
        }
        for (int g = 0; g < groups.size(); g++) {
            int gi = g;
            groups.get(g).indexes().filter(i -> i < n).forEach(i -> group[i] = gi);
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                cut[a][b] = a != b && group[a] != group[b];
            }
        }
    }

    /** Gives the link {@code from → to} its own loss and delay. */
    void degrade(int from, int to, Network n) {
        links[from][to] = n;
    }

    /** Every link intact again and back to the pool's network. */
    void heal() {
        for (int a = 0; a < links.length; a++) {
            for (int b = 0; b < links.length; b++) {
                links[a][b] = base;
                cut[a][b] = false;
            }
        }
    }

    boolean isCut(int from, int to) {
        return cut[from][to];
    }

    // ---- traffic ----

    /** One datagram to every other configured host; returns those that arrive now, queues the delayed ones. */
    List<Delivery> send(int sender, HeartbeatPacket packet, long now, Duration time) {
        byte[] datagram = null;
        List<Delivery> arriving = new ArrayList<>();
        for (int receiver = 0; receiver < configs.size(); receiver++) {
            if (receiver == sender) {
                continue;
            }
            if (cut[sender][receiver]) {
                continue; // not traced: a long cut would fill the trace with nothing new
            }
            Network link = links[sender][receiver];
            if (link.loss() > 0 && random.nextDouble() < link.loss()) {
                int r = receiver;
                trace.add(time, receiver, () -> "lost heartbeat " + packet.sequence() + " from " + sender + " to " + r);
                continue;
            }
            HeartbeatPacket arrives = packet;
            if (link.wire()) {
                datagram = datagram == null ? HeartbeatCodec.encode(packet) : datagram;
                arrives = decode(datagram, receiver, sender);
            }
            Delivery d = new Delivery(receiver, arrives, now + delay(link));
            if (d.at() == now) {
                arriving.add(d);
            } else {
                inFlight.add(new InFlight(++sent, d));
            }
        }
        return arriving;
    }

    /**
     * The datagrams a keyed host's wire made of one heartbeat, each to its destination, with the same links, cuts,
     * loss and delay (and the same draws from the pool's random source, in the same order) as {@link #send}.
     */
    List<Delivery> sendSealed(int sender, List<HeartbeatWire.Datagram> datagrams, long now, Duration time,
            int sequence) {
        List<Delivery> arriving = new ArrayList<>();
        InetAddress source = configs.get(sender).hosts().get(sender).address();
        for (HeartbeatWire.Datagram datagram : datagrams) {
            int receiver = datagram.destination();
            if (cut[sender][receiver]) {
                continue;
            }
            Network link = links[sender][receiver];
            if (link.loss() > 0 && random.nextDouble() < link.loss()) {
                trace.add(time, receiver, () -> "lost heartbeat " + sequence + " from " + sender + " to " + receiver);
                continue;
            }
            Delivery d = new Delivery(receiver, null, now + delay(link), datagram.bytes(), source, false);
            if (d.at() == now) {
                arriving.add(d);
            } else {
                inFlight.add(new InFlight(++sent, d));
            }
        }
        return arriving;
    }

    /** A forged datagram, arriving at {@code d.at()} whatever the links say: the forger is on the wire. */
    void inject(Delivery d) {
        inFlight.add(new InFlight(++sent, d));
    }

    /** Delayed datagrams whose time has come, in order of arrival. */
    List<Delivery> due(long now) {
        List<Delivery> due = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek().delivery().at() <= now) {
            due.add(inFlight.poll().delivery());
        }
        return due;
    }

    private long delay(Network link) {
        long min = link.minDelay().toNanos();
        long span = link.maxDelay().toNanos() - min;
        return min + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    }

    private HeartbeatPacket decode(byte[] datagram, int receiver, int sender) {
        Supplier<AssertionError> fail = () -> new AssertionError("host " + receiver
                + " cannot decode a heartbeat of host " + sender);
        return HeartbeatCodec.decode(datagram, configs.get(receiver)).packet().orElseThrow(fail);
    }
}
