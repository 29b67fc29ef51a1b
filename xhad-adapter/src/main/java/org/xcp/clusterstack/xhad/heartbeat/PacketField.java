package org.xcp.clusterstack.xhad.heartbeat;

/**
 * The fields of a heartbeat packet in wire order, with their offsets and sizes (spec §6.2, the C
 * {@code HB_PACKET}; every integer little-endian). The only place these numbers are written.
 */
public enum PacketField {
    SIGNATURE(0, 4),
    CHECKSUM(4, 4),
    SEQUENCE(8, 4),
    SIZE(12, 4),
    GENERATION_UUID(16, 32),
    HOST_UUID(48, 32),
    HOST_INDEX(80, 4),
    CURRENT_LIVESET(84, 8),
    PROPOSED_LIVESET(92, 8),
    HBDOMAIN(100, 8),
    SFDOMAIN(108, 8),
    TIME_SINCE_LAST_HB_RECEIPT(116, 4 * 64),
    TIME_SINCE_LAST_SF_UPDATE(372, 4 * 64),
    TIME_SINCE_XAPI_RESTART(628, 4),
    SM_PHASE(632, 4),
    ERR_STRING(636, 101),
    SF_ACCESS(737, 1),
    SF_CORRUPTED(738, 1),
    SF_ACCELERATE(739, 1),
    FENCE_REQUEST(740, 1),
    SR2(741, 1),
    JOINING(742, 1),
    PADDING(743, 1);

    /** Every packet is exactly this long, and says so in its {@link #SIZE} field. */
    public static final int PACKET_SIZE = 744;
    /** The bytes "xhah" read as a little-endian u32. */
    public static final int SIGNATURE_VALUE = 0x68616878;

    private final int offset;
    private final int size;

    PacketField(int offset, int size) {
        this.offset = offset;
        this.size = size;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }

    /** Offset of the first byte after the field. */
    public int end() {
        return offset + size;
    }
}
