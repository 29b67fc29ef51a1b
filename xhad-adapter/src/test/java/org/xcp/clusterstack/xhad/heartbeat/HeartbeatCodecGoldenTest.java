package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.heartbeat.HeartbeatFixtures.GENERATION;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Spec §6.2: every field at its offset, little-endian, 744 bytes in all. */
class HeartbeatCodecGoldenTest {
    private final HeartbeatPacket packet = HeartbeatFixtures.distinctPacket(2);
    private final byte[] wire = HeartbeatCodec.encode(packet);
    private final ByteBuffer le = ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void aPacketIs744Bytes() {
        assertThat(wire).hasSize(744);
        assertThat(PacketField.PACKET_SIZE).isEqualTo(744);
    }

    @Test
    void theHeaderReadsXhahThenChecksumZeroSequenceAndSize() {
        assertThat(Arrays.copyOfRange(wire, 0, 4)).isEqualTo("xhah".getBytes(StandardCharsets.US_ASCII));
        assertThat(le.getInt(0)).isEqualTo(0x68616878);
        assertThat(le.getInt(4)).isZero();
        assertThat(Arrays.copyOfRange(wire, 8, 12)).containsExactly(0x0D, 0x0C, 0x0B, 0x0A);
        assertThat(le.getInt(12)).isEqualTo(744);
    }

    @Test
    void theUuidsAre32CharactersWithoutDashesOrTerminator() {
        assertThat(ascii(16, 32)).isEqualTo(GENERATION.compact()).isEqualTo("3c1e5b7a90d24f3e8a612b4c6d8e0f12");
        assertThat(ascii(48, 32)).isEqualTo(HeartbeatFixtures.uuid(2).compact());
        assertThat(le.getInt(80)).isEqualTo(2);
    }

    @Test
    void theFourSetsAreLittleEndianBitmaps() {
        assertThat(le.getLong(84)).isEqualTo(0x1111_2222_3333_4444L);
        assertThat(wire[84]).isEqualTo((byte) 0x44); // host 0..7 first on the wire
        assertThat(le.getLong(92)).isEqualTo(0x5555_6666_7777_8888L);
        assertThat(le.getLong(100)).isEqualTo(0x0102_0304_0506_0708L);
        assertThat(le.getLong(108)).isEqualTo(0x1112_1314_1516_1718L);
    }

    @Test
    void theTimingArraysHold64MillisecondCountsEach() {
        for (int i = 0; i < 64; i++) {
            assertThat(le.getInt(116 + 4 * i)).as("time_since_last_HB_receipt[%d]", i).isEqualTo(1000 + i);
            assertThat(le.getInt(372 + 4 * i)).as("time_since_last_SF_update[%d]", i).isEqualTo(2000 + i);
        }
        assertThat(le.getInt(628)).isEqualTo(0x7000_0001);
        assertThat(le.getInt(632)).isEqualTo(9);
    }

    @Test
    void neverIsMinusOneOnTheWire() {
        byte[] fresh = HeartbeatCodec.encode(new HeartbeatPacketBuilder(GENERATION, HeartbeatFixtures.uuid(0), 0)
                .build());
        ByteBuffer b = ByteBuffer.wrap(fresh).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(116)).isEqualTo(-1);
        assertThat(b.getInt(372 + 4 * 63)).isEqualTo(-1);
        assertThat(b.getInt(628)).isEqualTo(-1);
        assertThat(Arrays.copyOfRange(fresh, 116, 120)).containsExactly(0xFF, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void theErrorStringIsNulTerminatedInItsHundredAndOneBytes() {
        String text = "xapi health check failed";
        assertThat(ascii(636, text.length())).isEqualTo(text);
        for (int i = 636 + text.length(); i < 737; i++) {
            assertThat(wire[i]).as("byte %d", i).isZero();
        }
    }

    @Test
    void aFullErrorStringStillLeavesTheTerminator() {
        String hundred = "e".repeat(100);
        byte[] full = HeartbeatCodec.encode(packet.toBuilder().errString(hundred).build());
        assertThat(new String(full, 636, 100, StandardCharsets.US_ASCII)).isEqualTo(hundred);
        assertThat(full[736]).isZero();
    }

    @Test
    void theFlagsAreOneByteEachThenOnePaddingByte() {
        assertThat(Arrays.copyOfRange(wire, 737, 744)).containsExactly(1, 0, 1, 0, 1, 1, 0);
        byte[] inverse = HeartbeatCodec.encode(packet.toBuilder()
                .sfAccess(false).sfCorrupted(true).sfAccelerate(false).fenceRequest(true).sr2(false).joining(false)
                .build());
        assertThat(Arrays.copyOfRange(inverse, 737, 744)).containsExactly(0, 1, 0, 1, 0, 0, 0);
    }

    @Test
    void theFieldTableTilesThePacketWithoutGapsOrOverlaps() {
        int next = 0;
        for (PacketField field : PacketField.values()) {
            assertThat(field.offset()).as(field.name()).isEqualTo(next);
            next = field.end();
        }
        assertThat(next).isEqualTo(744);
    }

    private String ascii(int offset, int length) {
        return new String(wire, offset, length, StandardCharsets.US_ASCII);
    }
}
