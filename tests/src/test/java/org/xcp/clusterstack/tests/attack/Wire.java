package org.xcp.clusterstack.tests.attack;

import static org.xcp.clusterstack.xhad.heartbeat.PacketField.PACKET_SIZE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.xcp.clusterstack.xhad.heartbeat.PacketField;
import org.xcp.clusterstack.xhad.heartbeat.TrailerField;

/**
 * A heartbeat datagram's bytes as an attacker edits them: the 744 bytes of spec §6.2 ({@link PacketField}) and
 * the keyed trailer of {@code docs/heartbeat-auth.md} ({@link TrailerField}), both the stack's own layouts.
 */
final class Wire {
    static final int KEYED_SIZE = TrailerField.KEYED_SIZE;
    static final int AUTH_MAGIC = TrailerField.AUTH_MAGIC.offset();
    static final int AUTH_MAGIC_VALUE = TrailerField.AUTH_MAGIC_VALUE;
    static final int KEY_ID = TrailerField.KEY_ID.offset();
    static final int INCARNATION = TrailerField.INCARNATION.offset();
    static final int DESTINATION = TrailerField.DESTINATION.offset();
    static final int ECHO_SEQUENCE = TrailerField.ECHO_SEQUENCE.offset();
    static final int ECHO_INCARNATION = TrailerField.ECHO_INCARNATION.offset();
    static final int MAC = TrailerField.MAC.offset();
    static final int MAC_SIZE = TrailerField.MAC.size();

    /** The trailer fields an attacker can copy from the wire; only the MAC is beyond it. */
    record Trailer(byte[] keyId, long incarnation, int destination, int echoSequence, long echoIncarnation) {
    }

    private Wire() {
    }

    static ByteBuffer le(byte[] datagram) {
        return ByteBuffer.wrap(datagram).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** A datagram that passes for a heartbeat at first sight: 744 or 808 bytes and "xhah". */
    static boolean looksLikeHeartbeat(byte[] d) {
        return (d.length == PACKET_SIZE || d.length == KEYED_SIZE)
                && le(d).getInt(PacketField.SIGNATURE.offset()) == PacketField.SIGNATURE_VALUE;
    }

    static boolean keyed(byte[] d) {
        return d.length == KEYED_SIZE && le(d).getInt(AUTH_MAGIC) == AUTH_MAGIC_VALUE;
    }

    static int sequence(byte[] d) {
        return le(d).getInt(PacketField.SEQUENCE.offset());
    }

    static int senderIndex(byte[] d) {
        return le(d).getInt(PacketField.HOST_INDEX.offset());
    }

    /** A copy of {@code d} with another sequence; a keyed datagram keeps its MAC, which no longer fits. */
    static byte[] withSequence(byte[] d, int sequence) {
        byte[] copy = d.clone();
        le(copy).putInt(PacketField.SEQUENCE.offset(), sequence);
        return copy;
    }

    static Trailer trailer(byte[] keyed) {
        ByteBuffer b = le(keyed);
        return new Trailer(Arrays.copyOfRange(keyed, KEY_ID, KEY_ID + 4), b.getLong(INCARNATION),
                b.getInt(DESTINATION), b.getInt(ECHO_SEQUENCE), b.getLong(ECHO_INCARNATION));
    }

    /** {@code packet} (744 bytes) followed by {@code t} and a MAC made up from {@code random}. */
    static byte[] withTrailer(byte[] packet, Trailer t, Random random) {
        byte[] d = Arrays.copyOf(packet, KEYED_SIZE);
        ByteBuffer b = le(d);
        b.putInt(AUTH_MAGIC, AUTH_MAGIC_VALUE);
        System.arraycopy(t.keyId(), 0, d, KEY_ID, 4);
        b.putLong(INCARNATION, t.incarnation());
        b.putInt(DESTINATION, t.destination());
        b.putInt(ECHO_SEQUENCE, t.echoSequence());
        b.putLong(ECHO_INCARNATION, t.echoIncarnation());
        fillMac(d, random);
        return d;
    }

    static void fillMac(byte[] keyed, Random random) {
        byte[] mac = new byte[MAC_SIZE];
        random.nextBytes(mac);
        System.arraycopy(mac, 0, keyed, MAC, MAC_SIZE);
    }

    static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte x : bytes) {
            s.append(String.format("%02x", x & 0xFF));
        }
        return s.toString();
    }
}
