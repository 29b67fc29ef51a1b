package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The 28-byte {@code o2hb_disk_heartbeat_block} (stacks.md §3.4): golden bytes and round trips. */
class HeartbeatBlockCodecTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final HeartbeatBlock NODE2 = HeartbeatBlock.beat(1_763_779_310L, 2, 0x1F2E3D4C5B6A7988L, 62_000);

    /**
     * Golden header, computed independently with Python:
     * {@code struct.pack_into('<QB3xIQI', b, 0, 1763779310, 2, 0, 0x1F2E3D4C5B6A7988, 62000)}, then
     * {@code hb_cksum = ~zlib.crc32(bytes(b), 0xFFFFFFFF) & 0xFFFFFFFF} packed at offset 12.
     */
    @Test
    void aSealedBlockIsTheGoldenHeaderThenZeros() {
        byte[] block = HeartbeatBlockCodec.seal(NODE2, 512);
        assertThat(HEX.formatHex(block, 0, 28))
                .isEqualTo("ee222169" + "00000000" + "02000000" + "a1309cc6" + "88796a5b4c3d2e1f" + "30f20000");
        assertThat(Arrays.copyOfRange(block, 28, 512)).containsOnly((byte) 0);
        assertThat(HeartbeatBlockCodec.decode(block, 0)).isEqualTo(NODE2.withChecksum(0xc69c30a1));
        assertThat(HeartbeatBlockCodec.checksumValid(block, 0, 512)).isTrue();
    }

    @Test
    void theChecksumCoversTheWholeSector() {
        // same header, 4096-byte sector: python gives 0x9499e349
        byte[] block = HeartbeatBlockCodec.seal(NODE2, 4096);
        assertThat(HeartbeatBlockCodec.decode(block, 0).checksum()).isEqualTo(0x9499e349);
    }

    @Test
    void aCleanStopIsGenerationZero() {
        // python: seq 1763779312, generation 0 -> hb_cksum 0xa4b1b36d
        byte[] block = HeartbeatBlockCodec.seal(HeartbeatBlock.beat(1_763_779_312L, 2, 0, 62_000), 512);
        assertThat(HEX.formatHex(block, 0, 28)).isEqualTo("f0222169" + "00000000" + "02000000" + "6db3b1a4"
                + "0000000000000000" + "30f20000");
        assertThat(HeartbeatBlockCodec.decode(block, 0).leftCleanly()).isTrue();
    }

    @Test
    void aBlockWhoseChecksumFieldIsWrongIsReportedInvalid() {
        byte[] block = HeartbeatBlockCodec.encode(NODE2.withChecksum(0x12345678), 512);
        assertThat(HeartbeatBlockCodec.checksumValid(block, 0, 512)).isFalse();
        assertThat(HeartbeatBlockCodec.decode(block, 0).checksum()).isEqualTo(0x12345678);
    }

    @Test
    void blocksAreDecodedAtTheirOffset() {
        byte[] two = new byte[1024];
        System.arraycopy(HeartbeatBlockCodec.seal(NODE2, 512), 0, two, 512, 512);
        assertThat(HeartbeatBlockCodec.decode(two, 512).seq()).isEqualTo(NODE2.seq());
        assertThat(HeartbeatBlockCodec.checksumValid(two, 512, 512)).isTrue();
    }

    @Test
    void blockBytesIsASectorSize() {
        assertThat(HeartbeatBlockCodec.validBlockBytes(512)).isTrue();
        assertThat(HeartbeatBlockCodec.validBlockBytes(4096)).isTrue();
        assertThat(HeartbeatBlockCodec.validBlockBytes(256)).isFalse();
        assertThat(HeartbeatBlockCodec.validBlockBytes(1000)).isFalse();
        assertThat(HeartbeatBlockCodec.validBlockBytes(8192)).isFalse();
        assertThatThrownBy(() -> HeartbeatBlockCodec.seal(NODE2, 1000)).hasMessageContaining("block_bytes");
    }
}
