package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.config.DaemonConfig;

/** Keyed heartbeats on the wire (docs/heartbeat-auth.md): the datagram's layout, and each refusal in its order. */
class KeyedWireTest {
    private static final HeartbeatKeys KEYS = HeartbeatKeys.of(HeartbeatKey.fromHex("00".repeat(31) + "01"));
    private static final HeartbeatKeys OTHER = HeartbeatKeys.of(HeartbeatKey.fromHex("00".repeat(31) + "02"));

    private final HeartbeatWire host0 = keyed(0, KEYS, 1000);
    private final HeartbeatWire host1 = keyed(1, KEYS, 2000);

    @Test
    void aKeyedDatagramIsThePacketAndA64ByteTrailerMadeForItsDestination() {
        List<HeartbeatWire.Datagram> out = host0.seal(packet(0, 1));

        assertThat(out).extracting(HeartbeatWire.Datagram::destination).containsExactly(1, 2);
        byte[] d = out.get(0).bytes();
        assertThat(d).hasSize(808);
        assertThat(java.util.Arrays.copyOf(d, 744)).isEqualTo(HeartbeatCodec.encode(packet(0, 1)));
        ByteBuffer b = ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(d, 744, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("xhak");
        assertThat(b.order(ByteOrder.BIG_ENDIAN).getInt(748)).isEqualTo(KEYS.current().id());
        b.order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getLong(752)).isEqualTo(1000);
        assertThat(b.getInt(760)).isEqualTo(1);
        assertThat(b.getInt(764)).isZero(); // nothing heard from host 1 yet
        assertThat(b.getLong(768)).isZero();
        assertThat(out.get(1).bytes()).isNotEqualTo(d); // host 2's has its own destination and MAC
    }

    @Test
    void twoKeyedHostsHearEachOtherAfterOneExchange() {
        assertThat(deliver(host0, 1, host1)).isEqualTo(DropReason.NOT_FRESH);
        assertThat(deliver(host1, 1, host0)).isNull();
        assertThat(deliver(host0, 2, host1)).isNull();
        assertThat(deliver(host1, 2, host0)).isNull();
        assertThat(host1.acceptedCount()).isEqualTo(1);
        assertThat(host1.dropCount(DropReason.NOT_FRESH)).isEqualTo(1);
    }

    @Test
    void everyRefusalIsCountedUnderItsReason() {
        handshake();
        byte[] good = host0.seal(packet(0, 3)).get(0).bytes();

        assertThat(admit(host1, new byte[808], addr(0))).isEqualTo(DropReason.AUTH_MAGIC);
        assertThat(admit(host1, HeartbeatCodec.encode(packet(0, 9)), addr(0))).isEqualTo(DropReason.UNAUTHENTICATED);
        assertThat(admit(host1, java.util.Arrays.copyOf(good, 807), addr(0))).isEqualTo(DropReason.LENGTH);
        assertThat(admit(host1, good, addr(2))).isEqualTo(DropReason.SOURCE_ADDRESS);
        assertThat(admit(host1, host0.seal(packet(0, 4)).get(1).bytes(), addr(0)))
                .isEqualTo(DropReason.WRONG_DESTINATION);
        assertThat(admit(host1, keyed(0, OTHER, 1000).seal(packet(0, 5)).get(0).bytes(), addr(0)))
                .isEqualTo(DropReason.UNKNOWN_KEY);
        assertThat(host1.lastForeignKey()).contains(new HeartbeatWire.ForeignKey(0, OTHER.current().id()));
        for (int field : new int[] {8, 740, 752, 764, 790}) { // sequence, fence_request, incarnation, echo, MAC
            byte[] changed = good.clone();
            changed[field] ^= 1;
            assertThat(admit(host1, changed, addr(0))).as("byte %d changed", field).isEqualTo(DropReason.BAD_MAC);
        }
        assertThat(admit(host1, good, addr(0))).isNull();
        assertThat(admit(host1, good, addr(0))).isEqualTo(DropReason.STALE_SEQUENCE);
        assertThat(host1.dropCounts().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(13);
    }

    @Test
    void aHostAcceptsTheNextKeyBeforeItSendsWithIt() {
        HeartbeatKey next = HeartbeatKey.fromHex("00".repeat(31) + "03");
        host1.rekey(KEYS.withNext(next)); // step 1 on host 1
        HeartbeatWire promoted = keyed(0, KEYS.withNext(next).promote(), 1000); // host 0 already at step 2
        assertThat(deliver(promoted, 1, host1)).isEqualTo(DropReason.NOT_FRESH); // authentic: the handshake
        assertThat(host1.dropCount(DropReason.UNKNOWN_KEY)).isZero();
    }

    @Test
    void anUnkeyedHostNamesKeyedHeartbeatsAndChecksTheSource() {
        HeartbeatWire plain = HeartbeatWire.unkeyed(HeartbeatFixtures.pool(1, 694));
        assertThat(admit(plain, host0.seal(packet(0, 1)).get(0).bytes(), addr(0))).isEqualTo(DropReason.KEYED_PACKET);
        byte[] xhad = HeartbeatCodec.encode(packet(0, 1));
        assertThat(admit(plain, xhad, addr(2))).isEqualTo(DropReason.SOURCE_ADDRESS);
        assertThat(admit(plain, xhad, addr(0))).isNull();
        assertThat(HeartbeatWire.unkeyed(HeartbeatFixtures.pool(0, 694)).seal(packet(0, 1)))
                .allSatisfy(d -> assertThat(d.bytes()).isEqualTo(xhad)); // byte for byte xhad's
    }

    @Test
    void theFreshnessWindowIsT1OverT1PlusSlack() {
        DaemonConfig config = HeartbeatFixtures.pool(0, 694); // xhad's defaults: T1 = 30, t1 = 4 (spec §3.5)
        long t1 = config.parameters().heartbeatInterval().toMillis();
        long bigT1 = config.parameters().heartbeatTimeout().toMillis();
        assertThat(HeartbeatWire.freshnessWindow(config)).isEqualTo((int) ((bigT1 + t1 - 1) / t1) + 6);
    }

    private void handshake() {
        deliver(host0, 1, host1);
        deliver(host1, 1, host0);
        deliver(host0, 2, host1);
    }

    /** {@code from} sends heartbeat {@code sequence}; what {@code to} made of its datagram. */
    private static DropReason deliver(HeartbeatWire from, int sequence, HeartbeatWire to) {
        int sender = senderOf(from);
        int receiver = senderOf(to);
        HeartbeatWire.Datagram d = from.seal(packet(sender, sequence)).stream()
                .filter(x -> x.destination() == receiver).findFirst().orElseThrow();
        return admit(to, d.bytes(), addr(sender));
    }

    private static int senderOf(HeartbeatWire w) {
        return w.config().localHost().index();
    }

    private static DropReason admit(HeartbeatWire w, byte[] d, InetAddress source) {
        return w.admit(d, d.length, source).dropReason().orElse(null);
    }

    private static HeartbeatWire keyed(int local, HeartbeatKeys keys, long incarnation) {
        return HeartbeatWire.keyed(HeartbeatFixtures.pool(local, 694), keys, incarnation);
    }

    private static HeartbeatPacket packet(int from, int sequence) {
        return HeartbeatFixtures.distinctPacket(from).toBuilder().sequence(sequence).build();
    }

    private static InetAddress addr(int i) {
        return HeartbeatFixtures.loopback(i);
    }
}
