package org.xcp.clusterstack.xhad.heartbeat;

/**
 * The trailer a keyed heartbeat carries after the 744 bytes of spec §6.2 ({@code docs/heartbeat-auth.md}), in
 * wire order, little-endian like the packet. The only place these numbers are written.
 */
public enum TrailerField {
    AUTH_MAGIC(744, 4),
    KEY_ID(748, 4),
    INCARNATION(752, 8),
    DESTINATION(760, 4),
    ECHO_SEQUENCE(764, 4),
    ECHO_INCARNATION(768, 8),
    MAC(776, 32);

    /** A keyed datagram: the packet and the trailer. */
    public static final int KEYED_SIZE = 808;
    /** The bytes "xhak" read as a little-endian u32. */
    public static final int AUTH_MAGIC_VALUE = 0x6b616878;
    /** The MAC covers every byte before it. */
    public static final int MAC_COVERS = 776;

    private final int offset;
    private final int size;

    TrailerField(int offset, int size) {
        this.offset = offset;
        this.size = size;
    }

    public int offset() {
        return offset;
    }

    public int size() {
        return size;
    }
}
