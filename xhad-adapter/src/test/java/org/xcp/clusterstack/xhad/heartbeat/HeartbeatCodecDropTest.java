package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.config.DaemonConfig;

/** Spec §6.3 step 1: each check drops exactly what it names, in the spec's order. */
class HeartbeatCodecDropTest {
    private final DaemonConfig config = HeartbeatFixtures.pool(0, 694);
    private final HeartbeatPacket packet = HeartbeatFixtures.distinctPacket(1);

    @Test
    void aValidPacketDecodesToItself() {
        assertThat(HeartbeatCodec.decode(HeartbeatCodec.encode(packet), config)).isEqualTo(Received.valid(packet));
    }

    @Test
    void aTruncatedDatagramIsDroppedForItsLength() {
        byte[] wire = HeartbeatCodec.encode(packet);
        assertThat(drop(wire, 743)).isEqualTo(DropReason.LENGTH);
        assertThat(drop(wire, 0)).isEqualTo(DropReason.LENGTH);
    }

    @Test
    void anOversizedDatagramIsDroppedForItsLength() {
        byte[] longer = Arrays.copyOf(HeartbeatCodec.encode(packet), 745);
        assertThat(drop(longer, 745)).isEqualTo(DropReason.LENGTH);
        assertThat(HeartbeatCodec.decode(longer, 744, config).isPacket()).isTrue();
    }

    @Test
    void aBadSignatureIsDropped() {
        byte[] wire = HeartbeatCodec.encode(packet);
        wire[3] = 'i'; // "xhai"
        assertThat(drop(wire)).isEqualTo(DropReason.SIGNATURE);
    }

    @Test
    void theSignatureIsCheckedBeforeTheSizeField() {
        byte[] wire = HeartbeatCodec.encode(packet);
        wire[0] = 0;
        le(wire).putInt(PacketField.SIZE.offset(), 743);
        assertThat(drop(wire)).isEqualTo(DropReason.SIGNATURE);
    }

    @Test
    void aWrongSizeFieldIsDropped() {
        byte[] wire = HeartbeatCodec.encode(packet);
        le(wire).putInt(PacketField.SIZE.offset(), 743);
        assertThat(drop(wire)).isEqualTo(DropReason.SIZE);
    }

    @Test
    void aForeignGenerationIsDropped() {
        byte[] wire = HeartbeatCodec.encode(packet.toBuilder().generation(HeartbeatFixtures.OTHER_GENERATION).build());
        assertThat(drop(wire)).isEqualTo(DropReason.GENERATION);
    }

    @Test
    void aGenerationThatIsNotAUuidIsDropped() {
        byte[] wire = HeartbeatCodec.encode(packet);
        wire[PacketField.GENERATION_UUID.offset()] = (byte) 0xC3; // Latin-1 'Ã', not a hex digit in any case
        assertThat(drop(wire)).isEqualTo(DropReason.GENERATION);
    }

    @Test
    void hostIndexFiveInAThreeHostPoolIsDropped() {
        HeartbeatPacket fromFive = packet.toBuilder().host(HeartbeatFixtures.uuid(5), 5).build();
        assertThat(drop(HeartbeatCodec.encode(fromFive))).isEqualTo(DropReason.UNKNOWN_HOST_INDEX);
    }

    @Test
    void aNegativeHostIndexIsDropped() {
        byte[] wire = HeartbeatCodec.encode(packet);
        le(wire).putInt(PacketField.HOST_INDEX.offset(), -1);
        assertThat(drop(wire)).isEqualTo(DropReason.UNKNOWN_HOST_INDEX);
    }

    @Test
    void aUuidThatIsNotTheOneAtItsIndexIsDropped() {
        HeartbeatPacket swapped = packet.toBuilder().host(HeartbeatFixtures.uuid(2), 1).build();
        assertThat(drop(HeartbeatCodec.encode(swapped))).isEqualTo(DropReason.HOST_MISMATCH);
    }

    @Test
    void anUpperCaseUuidOnTheWireIsAcceptedAndReadInLowerCase() {
        byte[] wire = HeartbeatCodec.encode(packet);
        upperCase(wire, PacketField.HOST_UUID);
        upperCase(wire, PacketField.GENERATION_UUID);
        assertThat(new String(wire, PacketField.HOST_UUID.offset(), 32, StandardCharsets.US_ASCII)).matches("[0-9A-F]{32}");

        assertThat(HeartbeatCodec.decode(wire, config).packet()).contains(packet);
    }

    @Test
    void theChecksumAndPaddingAreIgnored() {
        byte[] wire = HeartbeatCodec.encode(packet);
        le(wire).putInt(PacketField.CHECKSUM.offset(), 0xDEADBEEF);
        wire[PacketField.PADDING.offset()] = 0x7F;
        assertThat(HeartbeatCodec.decode(wire, config).packet()).contains(packet);
    }

    @Test
    void anUnterminatedOrUnprintableErrorStringIsReadSafely() {
        byte[] wire = HeartbeatCodec.encode(packet);
        Arrays.fill(wire, PacketField.ERR_STRING.offset(), PacketField.ERR_STRING.end(), (byte) 'x');
        wire[PacketField.ERR_STRING.offset()] = 7;
        String read = HeartbeatCodec.decode(wire, config).packet().orElseThrow().errString();
        assertThat(read).hasSize(100).startsWith("?x");
    }

    @Test
    void aLengthBeyondTheBufferIsTheCallersBug() {
        assertThatThrownBy(() -> HeartbeatCodec.decode(new byte[10], 11, config))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private DropReason drop(byte[] wire) {
        return drop(wire, wire.length);
    }

    private DropReason drop(byte[] wire, int length) {
        Received received = HeartbeatCodec.decode(wire, length, config);
        assertThat(received.packet()).isEmpty();
        return received.dropReason().orElseThrow();
    }

    private static ByteBuffer le(byte[] wire) {
        return ByteBuffer.wrap(wire).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void upperCase(byte[] wire, PacketField field) {
        String upper = new String(wire, field.offset(), field.size(), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
        System.arraycopy(upper.getBytes(StandardCharsets.US_ASCII), 0, wire, field.offset(), field.size());
    }
}
