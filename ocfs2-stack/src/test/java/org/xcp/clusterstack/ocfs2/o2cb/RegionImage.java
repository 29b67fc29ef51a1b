package org.xcp.clusterstack.ocfs2.o2cb;

/** One read of a region in memory: {@code slots} blocks of {@code blockBytes}, written as owners write them. */
final class RegionImage {
    static final int BLOCK = 512;
    private final byte[] bytes;

    RegionImage(int slots) {
        bytes = new byte[slots * BLOCK];
    }

    /** Node {@code node}'s block with {@code seq} and {@code generation}, checksum sealed. */
    RegionImage beat(int node, long seq, long generation) {
        System.arraycopy(HeartbeatBlockCodec.seal(HeartbeatBlock.beat(seq, node, generation, 62_000), BLOCK), 0,
                bytes, node * BLOCK, BLOCK);
        return this;
    }

    /** Node {@code node}'s block with {@code seq} but a checksum that does not match. */
    RegionImage badChecksum(int node, long seq, long generation) {
        HeartbeatBlock b = HeartbeatBlock.beat(seq, node, generation, 62_000).withChecksum(0xDEADBEEF);
        System.arraycopy(HeartbeatBlockCodec.encode(b, BLOCK), 0, bytes, node * BLOCK, BLOCK);
        return this;
    }

    byte[] bytes() {
        return bytes.clone();
    }
}
