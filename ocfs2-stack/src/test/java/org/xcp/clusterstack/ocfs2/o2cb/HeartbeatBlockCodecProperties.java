package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Round trips and checksum coverage of {@link HeartbeatBlockCodec} for any block. */
class HeartbeatBlockCodecProperties {
    @Property
    void decodeOfEncodeIsTheBlock(@ForAll("blocks") HeartbeatBlock block, @ForAll("sizes") int blockBytes) {
        byte[] bytes = HeartbeatBlockCodec.encode(block, blockBytes);
        assertThat(bytes).hasSize(blockBytes);
        assertThat(HeartbeatBlockCodec.decode(bytes, 0)).isEqualTo(block);
        assertThat(HeartbeatBlockCodec.encode(HeartbeatBlockCodec.decode(bytes, 0), blockBytes)).isEqualTo(bytes);
    }

    @Property
    void aSealedBlockIsValidAndAnyFlippedBitMakesItInvalid(@ForAll("blocks") HeartbeatBlock block,
            @ForAll @IntRange(max = 512 * 8 - 1) int bit) {
        byte[] bytes = HeartbeatBlockCodec.seal(block, 512);
        assertThat(HeartbeatBlockCodec.checksumValid(bytes, 0, 512)).isTrue();
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        assertThat(HeartbeatBlockCodec.checksumValid(bytes, 0, 512)).isFalse();
    }

    @Provide
    Arbitrary<HeartbeatBlock> blocks() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 255),
                Arbitraries.integers(), Arbitraries.longs(), Arbitraries.longs().between(0, 0xFFFF_FFFFL))
                .as(HeartbeatBlock::new);
    }

    @Provide
    Arbitrary<Integer> sizes() {
        return Arbitraries.of(512, 1024, 2048, 4096);
    }
}
