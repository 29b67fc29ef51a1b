package org.xcp.clusterstack.api.statefile;

/**
 * The fields of the global section in on-disk order, with their offsets and sizes (spec §5.2, from
 * {@code include/statefile.h}; the C struct has no padding). The only place these numbers are written.
 */
public enum GlobalField {
    SIG(0, 4),
    SIG_INV(4, 4),
    CHECKSUM(8, 4),
    VERSION(12, 4),
    LENGTH_GLOBAL(16, 4),
    LENGTH_HOST_SPECIFIC(20, 4),
    MAX_HOSTS(24, 4),
    GEN_UUID(28, 32),
    POOL_STATE(60, 4),
    MASTER(64, 32),
    CONFIG_HOSTS(96, 4),
    END_MARKER(100, 4);

    private final int offset;
    private final int size;

    GlobalField(int offset, int size) {
        this.offset = offset;
        this.size = size;
    }

    /** Offset from the start of the section. */
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

    /** The C field name as the spec's table writes it, e.g. {@code length_global}. */
    public String fieldName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
