package org.xcp.clusterstack.ocfs2.o2cb;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One {@code cluster/<cluster>/heartbeat/<region>} directory of configfs (stacks.md §3.3).
 *
 * @param name the region's name: the volume UUID in local mode, the device's UUID in global mode
 * @param blockBytes {@code block_bytes}: one slot per node, this long
 * @param startBlock {@code start_block}: the region's first block on the device
 * @param blocks {@code blocks}: the number of slots, 1..255
 * @param dev {@code dev}: the block device's kernel name ({@code sdb}, {@code dm-3}); empty until the
 *        region is started
 * @param pid {@code pid}: the region's heartbeat thread while it runs
 */
public record HeartbeatRegion(String name, int blockBytes, long startBlock, int blocks, String dev, OptionalLong pid) {
    public static final int MAX_BLOCKS = 255;

    public HeartbeatRegion {
        Objects.requireNonNull(name);
        Objects.requireNonNull(dev);
        Objects.requireNonNull(pid);
    }

    /** A device was given: the kernel's heartbeat thread reads and writes the slots. */
    public boolean started() {
        return !dev.isEmpty();
    }

    /** Its heartbeat thread runs: the kernel can fence this host through it (stacks.md §3.8). */
    public boolean active() {
        return pid.isPresent();
    }

    /** Byte offset of slot {@code node} on the device. */
    public long slotOffset(int node) {
        return (startBlock + node) * blockBytes;
    }
}
