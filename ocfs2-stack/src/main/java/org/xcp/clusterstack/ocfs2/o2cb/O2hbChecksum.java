package org.xcp.clusterstack.ocfs2.o2cb;

/**
 * The checksum of an o2hb heartbeat block (stacks.md §3.4): the kernel's {@code crc32_le(0, block,
 * block_bytes)} over the whole block with the {@code hb_cksum} field taken as zero. That is the reflected
 * CRC-32 (polynomial 0xEDB88320) started from 0 and <em>not</em> inverted at the end, so it is not what
 * {@link java.util.zip.CRC32} returns (that one starts from 0xFFFFFFFF and inverts its result).
 */
public final class O2hbChecksum {
    /** The reflected CRC-32 polynomial, as Linux {@code lib/crc32} uses it for {@code crc32_le}. */
    public static final int POLYNOMIAL = 0xEDB88320;
    private static final int[] TABLE = table();
    private static final byte[] ZERO_FIELD = new byte[4];

    private O2hbChecksum() {
    }

    /** Linux {@code crc32_le(seed, data + offset, length)}: no initial or final inversion. */
    public static int crc32Le(int seed, byte[] data, int offset, int length) {
        int crc = seed;
        for (int i = offset; i < offset + length; i++) {
            crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /**
     * What {@code hb_cksum} must hold for the block of {@code blockBytes} at {@code offset}: the CRC of the
     * block with bytes 12..15 read as zero. The array is not changed.
     */
    public static int ofBlock(byte[] data, int offset, int blockBytes) {
        int at = HeartbeatBlockCodec.CKSUM_OFFSET;
        int crc = crc32Le(0, data, offset, at);
        crc = crc32Le(crc, ZERO_FIELD, 0, ZERO_FIELD.length);
        return crc32Le(crc, data, offset + at + 4, blockBytes - at - 4);
    }

    private static int[] table() {
        int[] t = new int[256];
        for (int n = 0; n < 256; n++) {
            int c = n;
            for (int k = 0; k < 8; k++) {
                c = (c & 1) != 0 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1;
            }
            t[n] = c;
        }
        return t;
    }
}
