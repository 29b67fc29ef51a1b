package org.xcp.clusterstack.api.statefile;

/**
 * The fixed geometry and magic numbers of a version 2 statefile (spec §5.1-5.3). Field offsets live in
 * {@link GlobalField} and {@link HostField}; everything else is here.
 */
public final class StatefileLayout {
    /** Global section plus 64 host sections; the size xapi gives the statefile VDI. */
    public static final int SIZE = 266_240;
    /** Every section occupies one 4 KiB block, so each can be transferred alone with O_DIRECT. */
    public static final int SECTION_SIZE = 4096;
    public static final int MAX_HOSTS = 64;
    public static final int VERSION = 2;

    public static final int GLOBAL_OFFSET = 0;
    /** Bytes of the global section that carry data (offsets 0..103); the rest is zero. */
    public static final int GLOBAL_DATA_LENGTH = GlobalField.END_MARKER.end();
    /** Bytes of a host section that carry data (offsets 0..631); the rest is zero. */
    public static final int HOST_DATA_LENGTH = HostField.END_MARKER.end();

    /** "pool" on disk (bytes 70 6F 6F 6C). */
    public static final int GLOBAL_SIGNATURE = 0x6C6F6F70;
    /** "host" on disk (bytes 68 6F 73 74). */
    public static final int HOST_SIGNATURE = 0x74736F68;
    /** 0xF2721211. */
    public static final int GLOBAL_SIGNATURE_INVERTED = invertedSignature(GLOBAL_SIGNATURE);
    /** 0xF1719212. */
    public static final int HOST_SIGNATURE_INVERTED = invertedSignature(HOST_SIGNATURE);
    /** "endp" on disk. */
    public static final int GLOBAL_END_MARKER = 0x70646E65;
    /** "endh" on disk. */
    public static final int HOST_END_MARKER = 0x68646E65;

    /** The master field when no host holds the master lock: 32 ASCII '0'. */
    public static final String NO_MASTER = "0".repeat(32);

    private StatefileLayout() {
    }

    /** Byte offset of host section {@code index} (0..63): the global section comes first. */
    public static int hostOffset(int index) {
        if (index < 0 || index >= MAX_HOSTS) {
            throw new IllegalArgumentException("host index " + index + " is outside 0..63");
        }
        return SECTION_SIZE * (1 + index);
    }

    /**
     * xhad's {@code sig_inv}: the bitwise-not of the signature as a signed 32-bit int, shifted right
     * arithmetically by 3. The sign bit is copied in, which is why the result is not simply {@code ~sig}.
     */
    public static int invertedSignature(int signature) {
        return ~signature >> 3;
    }
}
