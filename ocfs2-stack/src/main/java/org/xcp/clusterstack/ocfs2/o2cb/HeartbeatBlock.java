package org.xcp.clusterstack.ocfs2.o2cb;

/**
 * {@code struct o2hb_disk_heartbeat_block}, the 28-byte header of one node's heartbeat slot (stacks.md §3.4).
 * Values are kept as the kernel writes them; unsigned fields are widened so that every on-disk value fits.
 *
 * @param seq {@code hb_seq}: the owner's wall clock in whole seconds when it prepared the write; readers
 *        only compare it with the previous read
 * @param node {@code hb_node}: the owner's node number (0..255 on disk; o2cb uses 0..254)
 * @param checksum {@code hb_cksum} as stored (raw 32 bits); see {@link O2hbChecksum}
 * @param generation {@code hb_generation}: random and non-zero while the owner's region runs, 0 in the last
 *        block of a clean stop
 * @param deadMs {@code hb_dead_ms}: the owner's {@code dead_threshold × 2000}, 0..2^32-1
 */
public record HeartbeatBlock(long seq, int node, int checksum, long generation, long deadMs) {
    public HeartbeatBlock {
        if (node < 0 || node > 255) {
            throw new IllegalArgumentException("hb_node is one byte, not " + node);
        }
        if (deadMs < 0 || deadMs > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("hb_dead_ms is 32 bits unsigned, not " + deadMs);
        }
    }

    /** A block as its owner prepares it, before the checksum is computed ({@code hb_cksum} = 0). */
    public static HeartbeatBlock beat(long seq, int node, long generation, long deadMs) {
        return new HeartbeatBlock(seq, node, 0, generation, deadMs);
    }

    /** Generation 0: the owner stopped its region cleanly (stacks.md §3.5). */
    public boolean leftCleanly() {
        return generation == 0;
    }

    public HeartbeatBlock withChecksum(int value) {
        return new HeartbeatBlock(seq, node, value, generation, deadMs);
    }
}
