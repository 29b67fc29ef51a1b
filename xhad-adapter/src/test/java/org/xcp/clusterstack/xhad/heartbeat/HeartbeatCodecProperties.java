package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;

/** The codec round-trips every valid packet and decodes any bytes at all without throwing. */
class HeartbeatCodecProperties {

    /** A pool and a packet one of its hosts could send. */
    record Sent(DaemonConfig config, HeartbeatPacket packet) {
    }

    @Property
    void decodingAnEncodedPacketGivesItBack(@ForAll("sent") Sent sent) {
        byte[] wire = HeartbeatCodec.encode(sent.packet());

        assertThat(wire).hasSize(PacketField.PACKET_SIZE);
        assertThat(HeartbeatCodec.decode(wire, sent.config())).isEqualTo(Received.valid(sent.packet()));
    }

    @Property
    void anyBytesDecodeToAPacketOrADropReason(@ForAll @Size(max = 1600) byte[] datagram,
            @ForAll @IntRange(min = 1, max = 64) int hosts) {
        assertDecodesCleanly(datagram, HeartbeatFixtures.pool(hosts, 0, 694));
    }

    @Property
    void damagedPacketsDecodeToAPacketOrADropReason(@ForAll("sent") Sent sent,
            @ForAll("damage") List<Tuple2<Integer, Byte>> damage, @ForAll @IntRange(max = 800) int length) {
        byte[] wire = Arrays.copyOf(HeartbeatCodec.encode(sent.packet()), Math.max(length, 744));
        damage.forEach(d -> wire[d.get1()] = d.get2());

        assertDecodesCleanly(wire, sent.config());
        assertDecodesCleanly(Arrays.copyOf(wire, length), sent.config());
    }

    private static void assertDecodesCleanly(byte[] datagram, DaemonConfig config) {
        Received received = HeartbeatCodec.decode(datagram, config);

        assertThat(received.packet().isPresent()).isNotEqualTo(received.dropReason().isPresent());
        received.packet().ifPresent(p -> {
            assertThat(datagram).hasSize(744);
            assertThat(p.generation()).isEqualTo(config.generation());
            assertThat(p.hostIndex()).isBetween(0, config.hostCount() - 1);
            assertThat(p.hostUuid()).isEqualTo(config.hosts().get(p.hostIndex()).id());
            // whatever we accept, we can send on unchanged
            assertThat(HeartbeatCodec.decode(HeartbeatCodec.encode(p), config)).isEqualTo(received);
        });
    }

    @Provide
    Arbitrary<List<Tuple2<Integer, Byte>>> damage() {
        Arbitrary<Tuple2<Integer, Byte>> one = Combinators.combine(
                Arbitraries.integers().between(0, 743), Arbitraries.bytes()).as(Tuple::of);
        return one.list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Sent> sent() {
        Arbitrary<Tuple2<Integer, Integer>> poolAndSender = Arbitraries.integers().between(1, 64)
                .flatMap(n -> Arbitraries.integers().between(0, n - 1).map(i -> Tuple.of(n, i)));
        Arbitrary<List<Integer>> timings = Arbitraries.oneOf(
                Arbitraries.integers(), Arbitraries.just(HeartbeatPacket.NEVER)).list().ofSize(64);
        Arbitrary<String> errors = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100);
        return Combinators.combine(poolAndSender, Arbitraries.integers().array(int[].class).ofSize(3),
                Arbitraries.longs().array(long[].class).ofSize(4), timings, timings, errors,
                Arbitraries.of(true, false).array(Boolean[].class).ofSize(6))
                .as((ps, n, sets, hb, sf, err, f) -> {
                    DaemonConfig config = HeartbeatFixtures.pool(ps.get1(), 0, 694);
                    int sender = ps.get2();
                    return new Sent(config, new HeartbeatPacket(n[0], config.generation(),
                            config.hosts().get(sender).id(), sender, new HostSet(sets[0]), new HostSet(sets[1]),
                            new HostSet(sets[2]), new HostSet(sets[3]), hb, sf, n[1], n[2], err,
                            f[0], f[1], f[2], f[3], f[4], f[5]));
                });
    }
}
