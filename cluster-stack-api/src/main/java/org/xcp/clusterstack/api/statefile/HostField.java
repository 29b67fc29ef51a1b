package org.xcp.clusterstack.api.statefile;

/**
 * The fields of a host section in on-disk order, with their offsets and sizes (spec §5.3, from
 * {@code include/statefile.h}; the C enum {@code SM_PHASE} takes 4 bytes). The only place these numbers
 * are written.
 */
public enum HostField {
    SIG(0, 4),
    SIG_INV(4, 4),
    CHECKSUM(8, 4),
    SEQUENCE(12, 4),
    HOST_INDEX(16, 4),
    HOST_UUID(20, 32),
    EXCLUDED(52, 4),
    STARTING(56, 4),
    SINCE_LAST_HB_RECEIPT(60, 4 * StatefileLayout.MAX_HOSTS),
    SINCE_LAST_SF_UPDATE(316, 4 * StatefileLayout.MAX_HOSTS),
    SINCE_XAPI_RESTART_FIRST_ATTEMPTED(572, 4),
    CURRENT_LIVESET(576, 8),
    PROPOSED_LIVESET(584, 8),
    HBDOMAIN(592, 8),
    SFDOMAIN(600, 8),
    LOCK_REQUEST(608, 4),
    LOCK_GRANT(612, 8),
    SM_PHASE(620, 4),
    WEIGHT(624, 4),
    END_MARKER(628, 4);

    private final int offset;
    private final int size;

    HostField(int offset, int size) {
        this.offset = offset;
        this.size = size;
    }

    /** Offset from the start of the host section. */
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

    /** The C field name, e.g. {@code since_last_hb_receipt}. */
    public String fieldName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
