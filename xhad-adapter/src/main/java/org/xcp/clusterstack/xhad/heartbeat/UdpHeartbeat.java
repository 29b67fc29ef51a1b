package org.xcp.clusterstack.xhad.heartbeat;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Duration;
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
import org.xcp.clusterstack.api.spi.LivenessThreads;

/**
 * The heartbeat transport of spec §6.1: one UDP socket bound to the local host's {@code IPaddress:UDPport},
 * unicast to every other configured host (never broadcast or multicast), and a receive thread that hands
 * on only the datagrams its {@link HeartbeatWire} lets in (§6.3 steps 1 and 2, the source address, and for a keyed
 * pool authentication and freshness). Everything else is counted, never thrown or logged per datagram: a daemon
 * whose heartbeat thread died on a bad datagram would be fenced by its own watchdog.
 *
 * <p>C xhad also pins the socket to {@code HeartbeatInterface} with {@code SO_BINDTODEVICE}. Plain Java
 * has no such option; binding to the configured address is what keeps the traffic on that network (the
 * source address and port of every heartbeat are the configured ones, as xhad's).
 *
 * <p>Fault points: {@code hb.send.lostpacket} drops a heartbeat before it reaches the socket (all its
 * datagrams), {@code hb.receive.lostpacket} drops a received datagram before it is decoded; both are
 * counted in {@link #dropCounts()} under {@link DropReason#FAULT_POINT}.
 */
public final class UdpHeartbeat implements AutoCloseable {
    /** Larger than any UDP payload, so an oversized datagram is seen whole and dropped for its length. */
    private static final int RECEIVE_BUFFER = 65_536;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    /** After an unexpected receive error, so that a persistently failing socket cannot spin a core. */
    private static final long ERROR_PAUSE_NANOS = Duration.ofMillis(10).toNanos();
    /**
     * This many datagrams within {@link #BURST_WINDOW_NANOS} is a flood, not a pool: even 63 peers bursting at once
     * send about one per 1.6 ms on average. A pause of {@link #FLOOD_PAUSE_NANOS} then delays a heartbeat by at most
     * that, against timeouts of seconds, and the socket buffer holds far more than a millisecond of flood.
     */
    private static final int BURST_LIMIT = 8;
    private static final long BURST_WINDOW_NANOS = Duration.ofMillis(1).toNanos();
    private static final long FLOOD_PAUSE_NANOS = Duration.ofMillis(1).toNanos();
    /** A receive that took longer than this waited for its datagram: the socket buffer was empty. */
    private static final long WAITED_NANOS = Duration.ofNanos(20_000).toNanos();

    private final DaemonConfig config;
    private final int localIndex;
    private final InetSocketAddress[] addresses;
    private final DatagramChannel channel;
    private final Consumer<Arrival> onPacket;
    private final FaultInjection faults;
    private final HeartbeatWire wire;
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicLong receiveErrors = new AtomicLong();
    private final AtomicLong callbackErrors = new AtomicLong();
    private final Thread receiver;
    private volatile boolean closed;
    private long burstStart;
    private int inBurst;

    private UdpHeartbeat(DaemonConfig config, HeartbeatWire wire, DatagramChannel channel, Consumer<Arrival> onPacket,
            FaultInjection faults) {
        this.config = config;
        this.wire = wire;
        this.channel = channel;
        this.onPacket = onPacket;
        this.faults = faults;
        this.localIndex = config.localHost().index();
        this.addresses = new InetSocketAddress[config.hostCount()];
        for (int i = 0; i < config.hostCount(); i++) {
            addresses[i] = new InetSocketAddress(config.hosts().get(i).address(), config.udpPort());
        }
        this.receiver = new Thread(this::receiveLoop, LivenessThreads.HEARTBEAT_RECEIVE + localIndex);
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
        return open(config, HeartbeatWire.unkeyed(config), onPacket, FaultInjection.NONE);
    }

    /** As {@link #open(DaemonConfig, Consumer)}, through {@code wire}, with the lost-packet fault points of {@code faults}. */
    public static UdpHeartbeat open(DaemonConfig config, HeartbeatWire wire, Consumer<Arrival> onPacket,
            FaultInjection faults) {
        Objects.requireNonNull(wire);
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
        UdpHeartbeat heartbeat = new UdpHeartbeat(config, wire, channel, onPacket, faults);
        heartbeat.receiver.start();
        return heartbeat;
    }

    /** {@code packet} to every other configured host. Failures are counted, not thrown. */
    public void send(HeartbeatPacket packet) {
        if (faults.fires(FaultPoint.HB_SEND_LOSTPACKET)) {
            wire.dropped(DropReason.FAULT_POINT);
            return;
        }
        for (HeartbeatWire.Datagram d : wire.seal(packet)) {
            try {
                if (channel.send(ByteBuffer.wrap(d.bytes()), addresses[d.destination()]) != d.bytes().length) {
                    sendErrors.incrementAndGet();
                }
            } catch (IOException | UnsupportedAddressTypeException | SecurityException e) {
                sendErrors.incrementAndGet(); // one unreachable peer must not stop the others' heartbeats
            }
        }
    }

    /** §6.3: {@code sender} left the hbdomain ({@link HeartbeatWire#leftHbdomain}). */
    public void resetSequence(int sender) {
        wire.leftHbdomain(sender);
    }

    /** Datagrams refused so far, by {@link DropReason} in its order, zeros included. */
    public Map<String, Long> dropCounts() {
        return wire.dropCounts();
    }

    /** Packets handed to the callback so far. */
    public long acceptedCount() {
        return wire.acceptedCount();
    }

    public HeartbeatWire wire() {
        return wire;
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
        byte[] bytes = new byte[RECEIVE_BUFFER];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (!closed) {
            buffer.clear();
            SocketAddress from;
            long asked = System.nanoTime();
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return; // close(), or an interrupt, which also closes the channel
            } catch (IOException | RuntimeException e) {
                receiveErrors.incrementAndGet();
                LockSupport.parkNanos(ERROR_PAUSE_NANOS);
                continue;
            }
            long now = System.nanoTime();
            InetAddress source = from instanceof InetSocketAddress a ? a.getAddress() : null;
            handle(bytes, buffer.position(), source, now);
            if (now - burstStart > BURST_WINDOW_NANOS) {
                burstStart = now;
                inBurst = 0;
            }
            if (++inBurst >= BURST_LIMIT && now - asked > WAITED_NANOS) {
                // a flood, and the socket buffer ran empty: let datagrams queue for a moment, so that the next
                // receives find them waiting instead of each waking this thread (the wake-ups, not the checks,
                // cost the CPU). Paused only when nothing is waiting, so a flood can never get ahead of us.
                LockSupport.parkNanos(FLOOD_PAUSE_NANOS);
                burstStart = System.nanoTime();
                inBurst = 0;
            }
        }
    }

    private void handle(byte[] bytes, int length, InetAddress source, long receivedNanos) {
        if (faults.fires(FaultPoint.HB_RECEIVE_LOSTPACKET)) {
            wire.dropped(DropReason.FAULT_POINT);
            return;
        }
        Received received = wire.admit(bytes, length, source);
        if (received.packet().isEmpty()) {
            return;
        }
        try {
            onPacket.accept(new Arrival(received.packet().get(), receivedNanos));
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
