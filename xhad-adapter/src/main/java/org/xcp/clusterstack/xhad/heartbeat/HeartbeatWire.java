package org.xcp.clusterstack.xhad.heartbeat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.config.DaemonConfig;

/**
 * One host's end of the heartbeat wire, without the socket: what a heartbeat becomes on the way out, and which
 * datagrams are let in ({@code docs/heartbeat-auth.md}). Unkeyed, it is xhad's protocol byte for byte (spec §6.2,
 * §6.3 steps 1 and 2) plus the source-address check; keyed, every datagram is an 808-byte keyed heartbeat made for
 * its destination, and only authentic, fresh ones are let in. The UDP transport and the simulator both go through
 * here, so the simulator proves what the daemon runs. Every refusal is counted by {@link DropReason}; nothing is
 * logged per datagram. Thread-safe: the receive thread admits while the engine's thread seals.
 */
public final class HeartbeatWire {
    /** One datagram of a heartbeat, for the host at {@code destination}. */
    public record Datagram(int destination, byte[] bytes) {
        public Datagram {
            Objects.requireNonNull(bytes);
        }
    }

    /** A host of the pool heard sending with a key this host does not hold: the likeliest reason it cannot join. */
    public record ForeignKey(int sender, int keyId) {
    }

    /** Slack over T1/t1 for the freshness window: bursts of 3 and a lost heartbeat or two. */
    static final int WINDOW_SLACK = 6;

    private final DaemonConfig config;
    private final int me;
    private final byte[][] addresses;
    private final SequenceFilter sequences = new SequenceFilter();
    private final long maxJump;
    private final SenderLives lives;
    private HeartbeatKeys keys;
    private HeartbeatMac mac;
    private final long[] drops = new long[DropReason.values().length];
    private long accepted;
    private int lastUnknownKeyId;
    private int lastUnknownKeySender = -1;

    private HeartbeatWire(DaemonConfig config, HeartbeatKeys keys, long incarnation) {
        this.config = config;
        this.me = config.localHost().index();
        this.addresses = new byte[config.hostCount()][];
        for (int i = 0; i < config.hostCount(); i++) {
            addresses[i] = config.hosts().get(i).address().getAddress();
        }
        this.keys = keys;
        this.mac = keys == null ? null : new HeartbeatMac(keys);
        this.lives = keys == null ? null : new SenderLives(incarnation, freshnessWindow(config));
        this.maxJump = sequenceJump(config);
    }

    /** xhad's protocol, byte for byte, for pools without a key (and mixed pools with C xhad). */
    public static HeartbeatWire unkeyed(DaemonConfig config) {
        return new HeartbeatWire(config, null, 0);
    }

    /** Keyed heartbeats with {@code keys}, for this daemon's life {@code incarnation} ({@link #newIncarnation()}). */
    public static HeartbeatWire keyed(DaemonConfig config, HeartbeatKeys keys, long incarnation) {
        return new HeartbeatWire(config, Objects.requireNonNull(keys), incarnation);
    }

    /**
     * A new daemon life: wall-clock milliseconds in the high bits and 20 random bits, so that a restart is a new
     * life and, with a sane clock, a larger one. Receivers never compare it with their own clock.
     */
    public static long newIncarnation() {
        return System.currentTimeMillis() << 20 | new SecureRandom().nextInt(1 << 20) | 1;
    }

    /** ⌈T1 / t1⌉ + {@value #WINDOW_SLACK}: how many of its own heartbeats old an echo a host takes as fresh. */
    public static int freshnessWindow(DaemonConfig config) {
        long t1 = config.parameters().heartbeatInterval().toMillis();
        long timeout = config.parameters().heartbeatTimeout().toMillis();
        return (int) Math.min(1_000_000, (timeout + t1 - 1) / Math.max(1, t1)) + WINDOW_SLACK;
    }

    /**
     * How far ahead of a sender's last sequence an unkeyed heartbeat may be: a host sends at most one heartbeat per
     * 100 ms tick (bursts included), and one silent for T1 leaves the hbdomain and starts again from nothing.
     */
    public static long sequenceJump(DaemonConfig config) {
        return config.parameters().heartbeatTimeout().toMillis() / 100 + 64;
    }

    public DaemonConfig config() {
        return config;
    }

    public boolean isKeyed() {
        return lives != null;
    }

    /** The keys in use; empty when unkeyed. */
    public synchronized Optional<HeartbeatKeys> keys() {
        return Optional.ofNullable(keys);
    }

    /** Takes the keys of a changed key file (a rotation step); only a keyed wire has keys to change. */
    public synchronized void rekey(HeartbeatKeys next) {
        if (lives == null) {
            throw new IllegalStateException("an unkeyed wire takes no key: a key needs a restart of the daemon");
        }
        keys = Objects.requireNonNull(next);
        mac = new HeartbeatMac(next);
    }

    // ---- out ----

    /** The datagrams of {@code packet}, one for each other configured host. */
    public synchronized List<Datagram> seal(HeartbeatPacket packet) {
        byte[] body = HeartbeatCodec.encode(packet);
        List<Datagram> out = new ArrayList<>(config.hostCount() - 1);
        if (lives == null) {
            for (int d = 0; d < config.hostCount(); d++) {
                if (d != me) {
                    out.add(new Datagram(d, body)); // one array for all: nobody writes to it
                }
            }
            return out;
        }
        lives.sent(packet.sequence());
        for (int d = 0; d < config.hostCount(); d++) {
            if (d == me) {
                continue;
            }
            byte[] datagram = Arrays.copyOf(body, TrailerField.KEYED_SIZE);
            ByteBuffer b = ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(TrailerField.AUTH_MAGIC.offset(), TrailerField.AUTH_MAGIC_VALUE);
            b.order(ByteOrder.BIG_ENDIAN).putInt(TrailerField.KEY_ID.offset(), mac.sendingId());
            b.order(ByteOrder.LITTLE_ENDIAN);
            b.putLong(TrailerField.INCARNATION.offset(), lives.myIncarnation());
            b.putInt(TrailerField.DESTINATION.offset(), d);
            b.putInt(TrailerField.ECHO_SEQUENCE.offset(), lives.echoSequence(d));
            b.putLong(TrailerField.ECHO_INCARNATION.offset(), lives.echoIncarnation(d));
            mac.sign(datagram);
            out.add(new Datagram(d, datagram));
        }
        return out;
    }

    // ---- in ----

    /**
     * The first {@code length} bytes of {@code buffer}, received from {@code source}: the packet if it is let in,
     * else the reason (counted). Never throws for what arrives from the network.
     */
    public synchronized Received admit(byte[] buffer, int length, InetAddress source) {
        Objects.checkFromIndexSize(0, length, buffer.length);
        DropReason refused = lives == null ? plain(buffer, length, source) : keyed(buffer, length, source);
        if (refused != null) {
            drops[refused.ordinal()]++;
            return Received.dropped(refused);
        }
        accepted++;
        return Received.valid(HeartbeatCodec.read(buffer, config));
    }

    /** Counts a datagram dropped before it reached the wire (a lost-packet fault point). */
    public synchronized void dropped(DropReason reason) {
        drops[reason.ordinal()]++;
    }

    /**
     * §6.3: {@code sender} left my hbdomain. Unkeyed, its sequence is forgotten so that a restarted sender is
     * heard again; keyed, nothing: incarnations do that, and forgetting is what let replays revive the dead.
     */
    public synchronized void leftHbdomain(int sender) {
        if (lives == null) {
            sequences.reset(sender);
        }
    }

    private DropReason plain(byte[] buffer, int length, InetAddress source) {
        if (length != PacketField.PACKET_SIZE) {
            return length == TrailerField.KEYED_SIZE && int32(buffer, TrailerField.AUTH_MAGIC.offset())
                    == TrailerField.AUTH_MAGIC_VALUE ? DropReason.KEYED_PACKET : DropReason.LENGTH;
        }
        DropReason wrong = origin(buffer, source);
        if (wrong != null) {
            return wrong;
        }
        int sender = HeartbeatCodec.senderIndex(buffer);
        return sequences.accept(sender, HeartbeatCodec.sequence(buffer), maxJump) ? null : DropReason.STALE_SEQUENCE;
    }

    private DropReason keyed(byte[] buffer, int length, InetAddress source) {
        if (length != TrailerField.KEYED_SIZE) {
            return length == PacketField.PACKET_SIZE ? DropReason.UNAUTHENTICATED : DropReason.LENGTH;
        }
        if (int32(buffer, TrailerField.AUTH_MAGIC.offset()) != TrailerField.AUTH_MAGIC_VALUE) {
            return DropReason.AUTH_MAGIC;
        }
        DropReason wrong = origin(buffer, source);
        if (wrong != null) {
            return wrong;
        }
        int sender = HeartbeatCodec.senderIndex(buffer);
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(TrailerField.DESTINATION.offset()) != me) {
            return DropReason.WRONG_DESTINATION;
        }
        int keyId = b.order(ByteOrder.BIG_ENDIAN).getInt(TrailerField.KEY_ID.offset());
        b.order(ByteOrder.LITTLE_ENDIAN);
        if (!mac.knows(keyId)) {
            lastUnknownKeyId = keyId;
            lastUnknownKeySender = sender;
            return DropReason.UNKNOWN_KEY;
        }
        if (!mac.verify(buffer, keyId)) {
            return DropReason.BAD_MAC;
        }
        return lives.admit(sender, b.getLong(TrailerField.INCARNATION.offset()), HeartbeatCodec.sequence(buffer),
                b.getLong(TrailerField.ECHO_INCARNATION.offset()), b.getInt(TrailerField.ECHO_SEQUENCE.offset()));
    }

    /** §6.3 step 1, then: from the claimed host's configured address, and not claiming to be me. */
    private DropReason origin(byte[] buffer, InetAddress source) {
        DropReason wrong = HeartbeatCodec.check(buffer, config);
        if (wrong != null) {
            return wrong;
        }
        int sender = HeartbeatCodec.senderIndex(buffer);
        if (source == null || !Arrays.equals(source.getAddress(), addresses[sender])) {
            return DropReason.SOURCE_ADDRESS;
        }
        return sender == me ? DropReason.OWN_HOST : null;
    }

    private static int int32(byte[] buffer, int offset) {
        return ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getInt(offset);
    }

    // ---- what happened ----

    /** Datagrams refused so far, by reason, every {@link DropReason} in its order, zeros included. */
    public synchronized Map<String, Long> dropCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            counts.put(r.name(), drops[r.ordinal()]);
        }
        return Collections.unmodifiableMap(counts);
    }

    public synchronized long dropCount(DropReason reason) {
        return drops[reason.ordinal()];
    }

    /** Datagrams let in so far. */
    public synchronized long acceptedCount() {
        return accepted;
    }

    /** The configured host whose heartbeats last came with a key this host does not hold, and that key's id. */
    public synchronized Optional<ForeignKey> lastForeignKey() {
        return lastUnknownKeySender < 0 ? Optional.empty()
                : Optional.of(new ForeignKey(lastUnknownKeySender, lastUnknownKeyId));
    }
}
