package org.xcp.clusterstack.xhad.heartbeat;

import static org.xcp.clusterstack.xhad.heartbeat.PacketField.PACKET_SIZE;
import static org.xcp.clusterstack.xhad.heartbeat.PacketField.SIGNATURE_VALUE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;

/**
 * Heartbeat packets to the 744 bytes of spec §6.2 and back. Decoding runs the receipt checks of §6.3
 * step 1 in the spec's order and never throws on what arrives from the network: any datagram is a packet
 * of this pool or a {@link DropReason}.
 */
public final class HeartbeatCodec {
    private HeartbeatCodec() {
    }

    /** The datagram for {@code p}: checksum 0 (xhad never computes one), padding 0. */
    public static byte[] encode(HeartbeatPacket p) {
        byte[] bytes = new byte[PACKET_SIZE];
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(PacketField.SIGNATURE.offset(), SIGNATURE_VALUE);
        b.putInt(PacketField.CHECKSUM.offset(), 0);
        b.putInt(PacketField.SEQUENCE.offset(), p.sequence());
        b.putInt(PacketField.SIZE.offset(), PACKET_SIZE);
        putAscii(bytes, PacketField.GENERATION_UUID, p.generation().compact());
        putAscii(bytes, PacketField.HOST_UUID, p.hostUuid().compact());
        b.putInt(PacketField.HOST_INDEX.offset(), p.hostIndex());
        b.putLong(PacketField.CURRENT_LIVESET.offset(), p.currentLiveset().bits());
        b.putLong(PacketField.PROPOSED_LIVESET.offset(), p.proposedLiveset().bits());
        b.putLong(PacketField.HBDOMAIN.offset(), p.hbdomain().bits());
        b.putLong(PacketField.SFDOMAIN.offset(), p.sfdomain().bits());
        putInts(b, PacketField.TIME_SINCE_LAST_HB_RECEIPT, p.sinceLastHbReceipt());
        putInts(b, PacketField.TIME_SINCE_LAST_SF_UPDATE, p.sinceLastSfUpdate());
        b.putInt(PacketField.TIME_SINCE_XAPI_RESTART.offset(), p.sinceXapiRestart());
        b.putInt(PacketField.SM_PHASE.offset(), p.smPhase());
        putAscii(bytes, PacketField.ERR_STRING, p.errString()); // the rest of the field stays NUL
        bytes[PacketField.SF_ACCESS.offset()] = flag(p.sfAccess());
        bytes[PacketField.SF_CORRUPTED.offset()] = flag(p.sfCorrupted());
        bytes[PacketField.SF_ACCELERATE.offset()] = flag(p.sfAccelerate());
        bytes[PacketField.FENCE_REQUEST.offset()] = flag(p.fenceRequest());
        bytes[PacketField.SR2.offset()] = flag(p.sr2());
        bytes[PacketField.JOINING.offset()] = flag(p.joining());
        return bytes;
    }

    /**
     * The first {@code length} bytes of {@code buffer} as received from the network, checked against
     * {@code config}: length, signature, size field, generation, a configured host index, the UUID at that
     * index (case-insensitive). The packet carries the config's UUIDs, so upper case on the wire reads as
     * lower case.
     *
     * @throws IllegalArgumentException only if {@code length} is outside {@code 0..buffer.length}
     */
    public static Received decode(byte[] buffer, int length, DaemonConfig config) {
        if (length < 0 || length > buffer.length) {
            throw new IllegalArgumentException("length " + length + " is outside 0.." + buffer.length);
        }
        if (length != PACKET_SIZE) {
            return Received.dropped(DropReason.LENGTH);
        }
        DropReason wrong = check(buffer, config);
        return wrong == null ? Received.valid(read(buffer, config)) : Received.dropped(wrong);
    }

    /**
     * §6.3 step 1 on the first 744 bytes of {@code buffer}, without building the packet: the reason to drop it,
     * or null when it is a packet of this pool. Cheap, so that a flood costs little before anything is believed.
     */
    static DropReason check(byte[] buffer, DaemonConfig config) {
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, PACKET_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(PacketField.SIGNATURE.offset()) != SIGNATURE_VALUE) {
            return DropReason.SIGNATURE;
        }
        if (b.getInt(PacketField.SIZE.offset()) != PACKET_SIZE) {
            return DropReason.SIZE;
        }
        if (!wireUuid(buffer, PacketField.GENERATION_UUID).equals(Optional.of(config.generation()))) {
            return DropReason.GENERATION;
        }
        int hostIndex = senderIndex(buffer);
        if (hostIndex < 0 || hostIndex >= config.hostCount()) {
            return DropReason.UNKNOWN_HOST_INDEX;
        }
        if (!wireUuid(buffer, PacketField.HOST_UUID).equals(Optional.of(config.hosts().get(hostIndex).id()))) {
            return DropReason.HOST_MISMATCH;
        }
        return null;
    }

    /** The {@code host_index} field, as sent (not yet checked). */
    static int senderIndex(byte[] buffer) {
        return ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getInt(PacketField.HOST_INDEX.offset());
    }

    /** The {@code sequence} field, as sent. */
    static int sequence(byte[] buffer) {
        return ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN).getInt(PacketField.SEQUENCE.offset());
    }

    /** The packet in the first 744 bytes of {@code buffer}, which {@link #check} passed. */
    static HeartbeatPacket read(byte[] buffer, DaemonConfig config) {
        ByteBuffer b = ByteBuffer.wrap(buffer, 0, PACKET_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int hostIndex = b.getInt(PacketField.HOST_INDEX.offset());
        return new HeartbeatPacket(
                b.getInt(PacketField.SEQUENCE.offset()),
                config.generation(),
                config.hosts().get(hostIndex).id(),
                hostIndex,
                new HostSet(b.getLong(PacketField.CURRENT_LIVESET.offset())),
                new HostSet(b.getLong(PacketField.PROPOSED_LIVESET.offset())),
                new HostSet(b.getLong(PacketField.HBDOMAIN.offset())),
                new HostSet(b.getLong(PacketField.SFDOMAIN.offset())),
                ints(b, PacketField.TIME_SINCE_LAST_HB_RECEIPT),
                ints(b, PacketField.TIME_SINCE_LAST_SF_UPDATE),
                b.getInt(PacketField.TIME_SINCE_XAPI_RESTART.offset()),
                b.getInt(PacketField.SM_PHASE.offset()),
                errString(buffer),
                buffer[PacketField.SF_ACCESS.offset()] != 0,
                buffer[PacketField.SF_CORRUPTED.offset()] != 0,
                buffer[PacketField.SF_ACCELERATE.offset()] != 0,
                buffer[PacketField.FENCE_REQUEST.offset()] != 0,
                buffer[PacketField.SR2.offset()] != 0,
                buffer[PacketField.JOINING.offset()] != 0);
    }

    /** The whole buffer as one datagram. */
    public static Received decode(byte[] datagram, DaemonConfig config) {
        return decode(datagram, datagram.length, config);
    }

    /** ISO-8859-1 keeps every byte one char, so a non-ASCII byte can never pass for a hex digit. */
    private static Optional<HaUuid> wireUuid(byte[] buffer, PacketField field) {
        return HaUuid.fromWire(new String(buffer, field.offset(), field.size(), StandardCharsets.ISO_8859_1));
    }

    /**
     * The text up to the first NUL, at most 100 characters even when a sender forgot the terminator, with
     * any byte that is not printable ASCII shown as '?'. The text is only ever logged or shown, so a
     * damaged string is not worth dropping the liveness signal it came with.
     */
    private static String errString(byte[] buffer) {
        StringBuilder text = new StringBuilder();
        int start = PacketField.ERR_STRING.offset();
        for (int i = 0; i < HeartbeatPacket.MAX_ERR_STRING_LENGTH && buffer[start + i] != 0; i++) {
            char c = (char) (buffer[start + i] & 0xFF);
            text.append(HeartbeatPacket.isPrintableAscii(c) ? c : '?');
        }
        return text.toString();
    }

    private static List<Integer> ints(ByteBuffer b, PacketField field) {
        List<Integer> values = new ArrayList<>(HeartbeatPacket.TIMINGS);
        for (int i = 0; i < HeartbeatPacket.TIMINGS; i++) {
            values.add(b.getInt(field.offset() + 4 * i));
        }
        return values;
    }

    private static void putInts(ByteBuffer b, PacketField field, List<Integer> values) {
        for (int i = 0; i < values.size(); i++) {
            b.putInt(field.offset() + 4 * i, values.get(i));
        }
    }

    private static void putAscii(byte[] bytes, PacketField field, String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        Objects.checkFromIndexSize(0, ascii.length, field.size());
        System.arraycopy(ascii, 0, bytes, field.offset(), ascii.length);
    }

    private static byte flag(boolean value) {
        return (byte) (value ? 1 : 0);
    }
}
