package org.xcp.clusterstack.xhad.heartbeat;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.api.fault.FaultInjection;

/**
 * The heartbeat transport of spec §6.1: one UDP socket bound to the local host's {@code IPaddress:UDPport},
 * unicast to every other configured host (never broadcast or multicast), and a receive thread that hands
 * on only packets passing §6.3 steps 1 and 2. Everything else is counted, never thrown: a daemon whose
 * heartbeat thread died on a bad datagram would be fenced by its own watchdog.
 *
 * <p>C xhad also pins the socket to {@code HeartbeatInterface} with {@code SO_BINDTODEVICE}. Plain Java
 * has no such option; binding to the configured address is what keeps the traffic on that network (the
 * source address and port of every heartbeat are the configured ones, as xhad's).
 *
 * <p>Fault points: {@code hb.send.lostpacket} drops a heartbeat before it reaches the socket (all its
 * datagrams), {@code hb.receive.lostpacket} drops a received datagram before it is decoded; both are
 * counted in {@link #dropCounts()} under {@link #FAULT_POINT}.
 */
public final class UdpHeartbeat implements AutoCloseable {
    /** Counted in {@link #dropCounts()}: a packet whose sequence is not newer than its sender's last. */
    public static final String STALE_SEQUENCE = "STALE_SEQUENCE";
    /**
     * Counted in {@link #dropCounts()}: a valid packet claiming to be from this very host. We never send to
     * ourselves, so it is a forgery or a second host with our identity; either way it must not overwrite
     * what we know about ourselves.
     */
    public static final String OWN_HOST = "OWN_HOST";
    /** Counted in {@link #dropCounts()}: a heartbeat sent or received while a lost-packet fault point fired. */
    public static final String FAULT_POINT = "FAULT_POINT";

    /** Larger than any UDP payload, so an oversized datagram is seen whole and dropped for its length. */
    private static final int RECEIVE_BUFFER = 65_536;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    /** After an unexpected receive error, so that a persistently failing socket cannot spin a core. */
    private static final long ERROR_PAUSE_NANOS = Duration.ofMillis(10).toNanos();

    private final DaemonConfig config;
    private final int localIndex;
    private final List<InetSocketAddress> peers;
    private final DatagramChannel channel;
    private final Consumer<Arrival> onPacket;
    private final FaultInjection faults;
    private final SequenceFilter sequences = new SequenceFilter();
    private final Map<String, AtomicLong> drops = new LinkedHashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private final Thread receiver;
    private volatile boolean closed;

    private UdpHeartbeat(DaemonConfig config, DatagramChannel channel, Consumer<Arrival> onPacket,
            FaultInjection faults) {
        this.config = config;
        this.channel = channel;
        this.onPacket = onPacket;
        this.faults = faults;
        this.localIndex = config.localHost().index();
        this.peers = config.hosts().stream()
                .filter(h -> h.index() != localIndex)
                .map(h -> new InetSocketAddress(h.address(), config.udpPort()))
                .toList();
        for (DropReason reason : DropReason.values()) {
            drops.put(reason.name(), new AtomicLong());
        }
        drops.put(STALE_SEQUENCE, new AtomicLong());
        drops.put(OWN_HOST, new AtomicLong());
        drops.put(FAULT_POINT, new AtomicLong()); // the key set is fixed here, so reads need no lock
        this.receiver = new Thread(this::receiveLoop, "xhad-heartbeat-receive-" + localIndex);
        receiver.setDaemon(true);
    }

    /**
     * Binds the local host's {@code IPaddress:UDPport} (IPv4 or IPv6 as the address is) and starts
     * receiving. {@code onPacket} runs on the receive thread, one packet at a time; it should return
     * quickly, and an exception it throws is counted ({@link #callbackErrors()}) without ending the thread.
     *
     * @throws HaException {@link ExitCode#SYSTEM_ERROR} (xhad's exit 2) if the socket cannot be bound
     */
    public static UdpHeartbeat open(DaemonConfig config, Consumer<Arrival> onPacket) {
        return open(config, onPacket, FaultInjection.NONE);
    }

    /** As {@link #open(DaemonConfig, Consumer)}, with the lost-packet fault points of {@code faults}. */
    public static UdpHeartbeat open(DaemonConfig config, Consumer<Arrival> onPacket, FaultInjection faults) {
        Objects.requireNonNull(onPacket);
        Objects.requireNonNull(faults);
        ConfiguredHost local = config.localHost();
        InetSocketAddress address = new InetSocketAddress(local.address(), config.udpPort());
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open(local.address() instanceof Inet6Address
                    ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            // Off, so that a second daemon (or anything else) on our address:port fails here, loudly.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.bind(address);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new HaException(ExitCode.SYSTEM_ERROR,
                    "cannot bind the heartbeat socket to " + describe(address) + ": " + reason, e);
        }
        UdpHeartbeat heartbeat = new UdpHeartbeat(config, channel, onPacket, faults);
        heartbeat.receiver.start();
        return heartbeat;
    }

    /** One datagram of {@code packet} to every other configured host. Failures are counted, not thrown. */
    public void send(HeartbeatPacket packet) {
        if (faults.fires(FaultPoint.HB_SEND_LOSTPACKET)) {
            drops.get(FAULT_POINT).incrementAndGet();
            return;
        }
        ByteBuffer datagram = ByteBuffer.wrap(HeartbeatCodec.encode(packet));
        for (InetSocketAddress peer : peers) {
            datagram.rewind();
            try {
                if (channel.send(datagram, peer) != datagram.capacity()) {
                    sendErrors.incrementAndGet();
                }
            } catch (IOException | UnsupportedAddressTypeException | SecurityException e) {
                sendErrors.incrementAndGet(); // one unreachable peer must not stop the others' heartbeats
            }
        }
    }

    /** Forgets {@code sender}'s last sequence number: call it when the sender leaves the hbdomain (§6.3). */
    public void resetSequence(int sender) {
        sequences.reset(sender);
    }

    /**
     * Datagrams dropped so far, by reason: every {@link DropReason} name, then {@link #STALE_SEQUENCE},
     * {@link #OWN_HOST} and {@link #FAULT_POINT}, in that order, zeros included.
     */
    public Map<String, Long> dropCounts() {
        Map<String, Long> snapshot = new LinkedHashMap<>();
        drops.forEach((reason, count) -> snapshot.put(reason, count.get()));
        return Collections.unmodifiableMap(snapshot);
    }

    /** Packets handed to the callback so far. */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Datagrams that could not be sent to some peer. */
    public long sendErrors() {
        return sendErrors.get();
    }

    /** Unexpected errors of the socket while receiving (not datagrams dropped by content). */
    public long receiveErrors() {
        return receiveErrors.get();
    }

    /** Exceptions thrown by the callback. */
    public long callbackErrors() {
        return callbackErrors.get();
    }

    /** The bound address, e.g. for logs. */
    public InetSocketAddress localAddress() {
        return new InetSocketAddress(config.localHost().address(), config.udpPort());
    }

    /** Whether the receive thread is still running. */
    public boolean isReceiving() {
        return receiver.isAlive();
    }

    /** Closes the socket, which wakes the receive thread, and waits briefly for it to end. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(channel);
        if (Thread.currentThread() != receiver) {
            try {
                receiver.join(CLOSE_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(RECEIVE_BUFFER);
        while (!closed) {
            buffer.clear();
            try {
                channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return; // close(), or an interrupt, which also closes the channel
            } catch (IOException | RuntimeException e) {
                receiveErrors.incrementAndGet();
                LockSupport.parkNanos(ERROR_PAUSE_NANOS);
                continue;
            }
            handle(buffer.array(), buffer.position(), System.nanoTime());
        }
    }

    private void handle(byte[] bytes, int length, long receivedNanos) {
        if (faults.fires(FaultPoint.HB_RECEIVE_LOSTPACKET)) {
            drops.get(FAULT_POINT).incrementAndGet();
            return;
        }
        Received received = HeartbeatCodec.decode(bytes, length, config);
        if (received.dropReason().isPresent()) {
            drops.get(received.dropReason().get().name()).incrementAndGet();
            return;
        }
        HeartbeatPacket packet = received.packet().orElseThrow();
        if (packet.hostIndex() == localIndex) {
            drops.get(OWN_HOST).incrementAndGet(); // checked first, so a forgery cannot move our own sequence
            return;
        }
        if (!sequences.accept(packet.hostIndex(), packet.sequence())) {
            drops.get(STALE_SEQUENCE).incrementAndGet();
            return;
        }
        accepted.incrementAndGet();
        try {
            onPacket.accept(new Arrival(packet, receivedNanos));
        } catch (RuntimeException e) {
            callbackErrors.incrementAndGet();
        }
    }

    private static String describe(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return host + ":" + address.getPort();
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing left to release: the descriptor is gone either way
            }
        }
    }
}
