package org.xcp.clusterstack.ocfs2.o2cb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The on-disk form of a heartbeat slot: {@link HeartbeatBlock}'s 28 little-endian bytes at the start of a
 * block of {@code block_bytes}, the rest of the block zero (the owner zeroes it before filling it in).
 *
 * <pre>
 *  0  hb_seq        le64
 *  8  hb_node       u8, then hb_pad1[3] = 0
 * 12  hb_cksum      le32  crc32_le(0, block) with this field 0
 * 16  hb_generation le64
 * 24  hb_dead_ms    le32
 * </pre>
 */
public final class HeartbeatBlockCodec {
    public static final int HEADER_BYTES = 28;
    static final int SEQ_OFFSET = 0;
    static final int NODE_OFFSET = 8;
    static final int CKSUM_OFFSET = 12;
    static final int GENERATION_OFFSET = 16;
    static final int DEAD_MS_OFFSET = 24;

    private HeartbeatBlockCodec() {
    }

    /** A valid {@code block_bytes}: the device's logical sector size, a power of two from 512 to 4096. */
    public static boolean validBlockBytes(int blockBytes) {
        return blockBytes >= 512 && blockBytes <= 4096 && Integer.bitCount(blockBytes) == 1;
    }

    /** The header of the block at {@code offset}; the checksum is reported as stored, not checked. */
    public static HeartbeatBlock decode(byte[] data, int offset) {
        ByteBuffer b = ByteBuffer.wrap(data, offset, HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        return new HeartbeatBlock(b.getLong(offset + SEQ_OFFSET), data[offset + NODE_OFFSET] & 0xFF,
                b.getInt(offset + CKSUM_OFFSET), b.getLong(offset + GENERATION_OFFSET),
                b.getInt(offset + DEAD_MS_OFFSET) & 0xFFFF_FFFFL);
    }

    /** True when the stored {@code hb_cksum} is the block's checksum. */
    public static boolean checksumValid(byte[] data, int offset, int blockBytes) {
        int stored = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(offset + CKSUM_OFFSET);
        return stored == O2hbChecksum.ofBlock(data, offset, blockBytes);
    }

    /** The block exactly as given, its {@code hb_cksum} included (tests write bad checksums with it). */
    public static byte[] encode(HeartbeatBlock block, int blockBytes) {
        requireBlockBytes(blockBytes);
        byte[] data = new byte[blockBytes];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(SEQ_OFFSET, block.seq());
        data[NODE_OFFSET] = (byte) block.node();
        b.putInt(CKSUM_OFFSET, block.checksum());
        b.putLong(GENERATION_OFFSET, block.generation());
        b.putInt(DEAD_MS_OFFSET, (int) block.deadMs());
        return data;
    }

    /** The block as its owner writes it: the given fields and the checksum they need. */
    public static byte[] seal(HeartbeatBlock block, int blockBytes) {
        byte[] data = encode(block.withChecksum(0), blockBytes);
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(CKSUM_OFFSET, O2hbChecksum.ofBlock(data, 0, blockBytes));
        return data;
    }

    private static void requireBlockBytes(int blockBytes) {
        if (!validBlockBytes(blockBytes)) {
            throw new IllegalArgumentException("block_bytes must be a power of two from 512 to 4096, not "
                    + blockBytes);
        }
    }
}
