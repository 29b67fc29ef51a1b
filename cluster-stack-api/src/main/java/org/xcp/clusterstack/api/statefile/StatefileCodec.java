package org.xcp.clusterstack.api.statefile;

import static org.xcp.clusterstack.api.statefile.StatefileLayout.GLOBAL_DATA_LENGTH;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.HOST_DATA_LENGTH;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.MAX_HOSTS;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.SECTION_SIZE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.HostSet;

/**
 * Bytes to sections and back, one 4096-byte section at a time. Every integer is little-endian (the C
 * xhad stores native x86 values); text fields are 32 raw bytes read as ISO-8859-1 so that any byte
 * survives a round trip. Decoding never validates: that is {@code faults(...)}'s job.
 */
public final class StatefileCodec {
    private StatefileCodec() {
    }

    /** The 4096 bytes of a global section: its 104 data bytes, then zeros. */
    public static byte[] encodeGlobal(GlobalSection g) {
        byte[] section = new byte[SECTION_SIZE];
        encodeGlobal(g, section, 0);
        return section;
    }

    /** Decodes the global section starting at {@code bytes[0]}; only its first 104 bytes are read. */
    public static GlobalSection decodeGlobal(byte[] bytes) {
        return decodeGlobal(bytes, 0);
    }

    public static GlobalSection decodeGlobal(byte[] bytes, int offset) {
        ByteBuffer b = view(bytes, offset, GLOBAL_DATA_LENGTH);
        return new GlobalSection(
                b.getInt(GlobalField.SIG.offset()),
                b.getInt(GlobalField.SIG_INV.offset()),
                b.getInt(GlobalField.CHECKSUM.offset()),
                b.getInt(GlobalField.VERSION.offset()),
                b.getInt(GlobalField.LENGTH_GLOBAL.offset()),
                b.getInt(GlobalField.LENGTH_HOST_SPECIFIC.offset()),
                b.getInt(GlobalField.MAX_HOSTS.offset()),
                latin1(b, GlobalField.GEN_UUID.offset()),
                b.getInt(GlobalField.POOL_STATE.offset()),
                latin1(b, GlobalField.MASTER.offset()),
                b.getInt(GlobalField.CONFIG_HOSTS.offset()),
                b.getInt(GlobalField.END_MARKER.offset()));
    }

    /** The 4096 bytes of a host section: its 632 data bytes, then zeros. */
    public static byte[] encodeHost(HostSection h) {
        byte[] section = new byte[SECTION_SIZE];
        encodeHost(h, section, 0);
        return section;
    }

    /** Decodes the host section starting at {@code bytes[0]}; only its first 632 bytes are read. */
    public static HostSection decodeHost(byte[] bytes) {
        return decodeHost(bytes, 0);
    }

    public static HostSection decodeHost(byte[] bytes, int offset) {
        ByteBuffer b = view(bytes, offset, HOST_DATA_LENGTH);
        return new HostSection(
                b.getInt(HostField.SIG.offset()),
                b.getInt(HostField.SIG_INV.offset()),
                b.getInt(HostField.CHECKSUM.offset()),
                b.getInt(HostField.SEQUENCE.offset()),
                b.getInt(HostField.HOST_INDEX.offset()),
                latin1(b, HostField.HOST_UUID.offset()),
                b.getInt(HostField.EXCLUDED.offset()),
                b.getInt(HostField.STARTING.offset()),
                ints(b, HostField.SINCE_LAST_HB_RECEIPT.offset()),
                ints(b, HostField.SINCE_LAST_SF_UPDATE.offset()),
                b.getInt(HostField.SINCE_XAPI_RESTART_FIRST_ATTEMPTED.offset()),
                new HostSet(b.getLong(HostField.CURRENT_LIVESET.offset())),
                new HostSet(b.getLong(HostField.PROPOSED_LIVESET.offset())),
                new HostSet(b.getLong(HostField.HBDOMAIN.offset())),
                new HostSet(b.getLong(HostField.SFDOMAIN.offset())),
                b.getInt(HostField.LOCK_REQUEST.offset()),
                new HostSet(b.getLong(HostField.LOCK_GRANT.offset())),
                b.getInt(HostField.SM_PHASE.offset()),
                b.getInt(HostField.WEIGHT.offset()),
                b.getInt(HostField.END_MARKER.offset()));
    }

    /** The checksum the global section's content calls for, whatever its checksum field says. */
    public static int globalChecksum(GlobalSection g) {
        byte[] data = new byte[GLOBAL_DATA_LENGTH];
        encodeGlobal(g, data, 0);
        return sumOfWords(data, GlobalField.VERSION.offset(), GlobalField.END_MARKER.offset());
    }

    /** The checksum the host section's content calls for, whatever its checksum field says. */
    public static int hostChecksum(HostSection h) {
        byte[] data = new byte[HOST_DATA_LENGTH];
        encodeHost(h, data, 0);
        return sumOfWords(data, HostField.SEQUENCE.offset(), HostField.END_MARKER.offset());
    }

    /**
     * xhad's checksum: the u32 sum, modulo 2^32, of the little-endian words in {@code [from, to)}. The
     * range starts after the checksum field and stops before the end marker.
     */
    static int sumOfWords(byte[] section, int from, int to) {
        ByteBuffer b = ByteBuffer.wrap(section).order(ByteOrder.LITTLE_ENDIAN);
        int sum = 0;
        for (int i = from; i < to; i += 4) {
            sum += b.getInt(i);
        }
        return sum;
    }

    static void encodeGlobal(GlobalSection g, byte[] dst, int offset) {
        ByteBuffer b = view(dst, offset, GLOBAL_DATA_LENGTH);
        b.putInt(GlobalField.SIG.offset(), g.sig())
                .putInt(GlobalField.SIG_INV.offset(), g.sigInv())
                .putInt(GlobalField.CHECKSUM.offset(), g.checksum())
                .putInt(GlobalField.VERSION.offset(), g.version())
                .putInt(GlobalField.LENGTH_GLOBAL.offset(), g.lengthGlobal())
                .putInt(GlobalField.LENGTH_HOST_SPECIFIC.offset(), g.lengthHostSpecific())
                .putInt(GlobalField.MAX_HOSTS.offset(), g.maxHosts())
                .put(GlobalField.GEN_UUID.offset(), g.genUuid().getBytes(StandardCharsets.ISO_8859_1))
                .putInt(GlobalField.POOL_STATE.offset(), g.poolState())
                .put(GlobalField.MASTER.offset(), g.master().getBytes(StandardCharsets.ISO_8859_1))
                .putInt(GlobalField.CONFIG_HOSTS.offset(), g.configHosts())
                .putInt(GlobalField.END_MARKER.offset(), g.endMarker());
    }

    static void encodeHost(HostSection h, byte[] dst, int offset) {
        ByteBuffer b = view(dst, offset, HOST_DATA_LENGTH);
        b.putInt(HostField.SIG.offset(), h.sig())
                .putInt(HostField.SIG_INV.offset(), h.sigInv())
                .putInt(HostField.CHECKSUM.offset(), h.checksum())
                .putInt(HostField.SEQUENCE.offset(), h.sequence())
                .putInt(HostField.HOST_INDEX.offset(), h.hostIndex())
                .put(HostField.HOST_UUID.offset(), h.hostUuid().getBytes(StandardCharsets.ISO_8859_1))
                .putInt(HostField.EXCLUDED.offset(), h.excluded())
                .putInt(HostField.STARTING.offset(), h.starting());
        putInts(b, HostField.SINCE_LAST_HB_RECEIPT.offset(), h.sinceLastHbReceipt());
        putInts(b, HostField.SINCE_LAST_SF_UPDATE.offset(), h.sinceLastSfUpdate());
        b.putInt(HostField.SINCE_XAPI_RESTART_FIRST_ATTEMPTED.offset(), h.sinceXapiRestartFirstAttempted())
                .putLong(HostField.CURRENT_LIVESET.offset(), h.currentLiveset().bits())
                .putLong(HostField.PROPOSED_LIVESET.offset(), h.proposedLiveset().bits())
                .putLong(HostField.HBDOMAIN.offset(), h.hbdomain().bits())
                .putLong(HostField.SFDOMAIN.offset(), h.sfdomain().bits())
                .putInt(HostField.LOCK_REQUEST.offset(), h.lockRequest())
                .putLong(HostField.LOCK_GRANT.offset(), h.lockGrant().bits())
                .putInt(HostField.SM_PHASE.offset(), h.smPhase())
                .putInt(HostField.WEIGHT.offset(), h.weight())
                .putInt(HostField.END_MARKER.offset(), h.endMarker());
    }

    /** A little-endian window of {@code length} bytes at {@code offset}; absolute indexes start at 0. */
    private static ByteBuffer view(byte[] bytes, int offset, int length) {
        if (offset < 0 || bytes.length - offset < length) {
            throw new IllegalArgumentException("a section needs " + length + " bytes at offset " + offset
                    + ", the array has " + bytes.length);
        }
        return ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String latin1(ByteBuffer b, int offset) {
        byte[] raw = new byte[32];
        b.get(offset, raw);
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    private static List<Integer> ints(ByteBuffer b, int offset) {
        List<Integer> values = new ArrayList<>(MAX_HOSTS);
        for (int j = 0; j < MAX_HOSTS; j++) {
            values.add(b.getInt(offset + 4 * j));
        }
        return values;
    }

    private static void putInts(ByteBuffer b, int offset, List<Integer> values) {
        for (int j = 0; j < MAX_HOSTS; j++) {
            b.putInt(offset + 4 * j, values.get(j));
        }
    }
}
