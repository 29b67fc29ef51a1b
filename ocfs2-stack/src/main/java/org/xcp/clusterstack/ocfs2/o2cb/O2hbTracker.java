package org.xcp.clusterstack.ocfs2.o2cb;

import java.util.SortedSet;
import java.util.TreeSet;

/**
 * o2hb's liveness rules for the slots of one heartbeat region (stacks.md §3.4), applied to successive reads
 * of the region as the kernel's {@code o2hb_check_slot} applies them:
 * <ul>
 *   <li>the first read is a baseline: each slot's {@code hb_seq} and {@code hb_generation} are noted, checksum
 *       or not, so that stale blocks do not count as changes;</li>
 *   <li>a slot that is not live becomes live once {@code hb_seq} has been seen changing on {@link
 *       #LIVE_THRESHOLD} reads; the changes accumulate and need not be consecutive;</li>
 *   <li>a live slot dies after {@code dead_threshold} consecutive reads without a change; any change resets
 *       the count;</li>
 *   <li>a bad checksum is skipped while the slot is not live and counts as "no change" while it is;</li>
 *   <li>a change of {@code hb_generation} on a live slot kills it at once (generation 0: its owner left
 *       cleanly). As in the kernel, the changes counted so far are kept, so the read that showed the new
 *       generation counts towards liveness again if its {@code hb_seq} changed too.</li>
 * </ul>
 * The counters are the kernel's ({@code ds_changed_samples}, {@code ds_equal_samples}), with its edge: the
 * changes that made a slot live are only cleared by the next read, so a node that falls silent right after
 * joining dies after {@code dead_threshold + 1} reads, not {@code dead_threshold}.
 * One instance per region; not thread-safe.
 */
public final class O2hbTracker {
    /** {@code O2HB_LIVE_THRESHOLD}. */
    public static final int LIVE_THRESHOLD = 2;
    /** o2cb's slots: node numbers 0..254, and one byte of {@code hb_node}. */
    private static final int MAX_SLOTS = 256;

    private final int deadThreshold;
    private final Slot[] slots = new Slot[MAX_SLOTS];
    private long reads;

    public O2hbTracker(int deadThreshold) {
        if (deadThreshold < ConfigfsCluster.MIN_DEAD_THRESHOLD) {
            throw new IllegalArgumentException("dead_threshold must be at least 3, not " + deadThreshold);
        }
        this.deadThreshold = deadThreshold;
    }

    public int deadThreshold() {
        return deadThreshold;
    }

    /** Reads done so far, the baseline included. */
    public long reads() {
        return reads;
    }

    /**
     * One read of the region: slot {@code i} is bytes {@code [i × blockBytes, (i+1) × blockBytes)}. A slot seen
     * for the first time (the first read, or a region read further than before) is a baseline.
     */
    public void read(byte[] image, int blockBytes) {
        if (image.length % blockBytes != 0 || image.length / blockBytes > MAX_SLOTS) {
            throw new IllegalArgumentException("a read is whole slots of " + blockBytes + " bytes, at most 256");
        }
        reads++;
        for (int i = 0; i < image.length / blockBytes; i++) {
            int offset = i * blockBytes;
            HeartbeatBlock block = HeartbeatBlockCodec.decode(image, offset);
            if (slots[i] == null) {
                slots[i] = new Slot(block.seq(), block.generation());
            } else {
                slots[i].check(block, HeartbeatBlockCodec.checksumValid(image, offset, blockBytes), deadThreshold);
            }
        }
    }

    public boolean live(int node) {
        return state(node) == SlotState.LIVE;
    }

    public SlotState state(int node) {
        Slot s = slot(node);
        return s == null ? SlotState.WAITING : s.state;
    }

    /** The live slots' node numbers. */
    public SortedSet<Integer> liveNodes() {
        SortedSet<Integer> live = new TreeSet<>();
        for (int i = 0; i < MAX_SLOTS; i++) {
            if (slots[i] != null && slots[i].state == SlotState.LIVE) {
                live.add(i);
            }
        }
        return live;
    }

    /**
     * Consecutive reads since {@code hb_seq} of slot {@code node} was last seen changing with a good checksum
     * (0 right after the baseline): how long its owner's writes have not been seen completing.
     */
    public int readsSinceChange(int node) {
        Slot s = slot(node);
        return s == null ? 0 : s.sinceChange;
    }

    private Slot slot(int node) {
        if (node < 0 || node >= MAX_SLOTS) {
            throw new IllegalArgumentException("no slot " + node);
        }
        return slots[node];
    }

    /** The kernel's {@code struct o2hb_disk_slot} counters. */
    private static final class Slot {
        private long lastSeq;
        private long lastGeneration;
        private int changedSamples;
        private int equalSamples;
        private int sinceChange;
        private SlotState state = SlotState.WAITING;

        Slot(long seq, long generation) {
            lastSeq = seq;
            lastGeneration = generation;
        }

        void check(HeartbeatBlock block, boolean checksumValid, int deadThreshold) {
            boolean live = state == SlotState.LIVE;
            boolean generationChanged = false;
            if (!checksumValid) {
                sinceChange++;
                if (!live) {
                    return; // skipped: a freshly formatted region has no checksums
                }
                equalSamples++; // a transient miss; the block's other fields may be junk
            } else {
                if (block.seq() != lastSeq) {
                    changedSamples++;
                    sinceChange = 0;
                } else {
                    equalSamples++;
                    sinceChange++;
                }
                lastSeq = block.seq();
                if (block.generation() != lastGeneration) {
                    generationChanged = true;
                    equalSamples = 0;
                }
                lastGeneration = block.generation();
            }
            if (!live) {
                if (changedSamples >= LIVE_THRESHOLD) {
                    state = SlotState.LIVE;
                    equalSamples = 0;
                }
                return;
            }
            if (equalSamples >= deadThreshold || generationChanged) {
                state = !generationChanged ? SlotState.DEAD
                        : block.generation() == 0 ? SlotState.LEFT : SlotState.RESTARTED;
                if (!generationChanged) {
                    changedSamples = 0; // the kernel keeps them only for a node that still writes
                }
                return;
            }
            // the first read after the join finds the join's changes here and clears the counts: a node that
            // stops right after joining needs one silent read more, as in the kernel
            if (changedSamples > 0) {
                changedSamples = 0;
                equalSamples = 0;
            }
        }
    }
}
