package org.xcp.clusterstack.ocfs2.o2cb;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An o2hb node as its heartbeat thread behaves (stacks.md §3.4): every period it writes its slot in each of
 * its regions with {@code hb_seq} = its wall clock in seconds (2 s on), a random non-zero generation drawn
 * at region start, and {@code dead_threshold × 2000} in {@code hb_dead_ms}; a clean stop writes generation 0.
 */
final class SimulatedNode {
    private final int number;
    private final List<HeartbeatDevice> regions;
    private final long deadMs;
    private final SplittableRandom random;
    private long clock = 1_763_779_310L;
    private long generation;
    private boolean writing = true;

    SimulatedNode(int number, List<HeartbeatDevice> regions, int deadThreshold, long seed) {
        this.number = number;
        this.regions = new ArrayList<>(regions);
        this.deadMs = deadThreshold * 2000L;
        this.random = new SplittableRandom(seed);
        restart();
    }

    int number() {
        return number;
    }

    /** The {@code hb_seq} of its last write. */
    long seq() {
        return clock;
    }

    long generation() {
        return generation;
    }

    /** One period: the write of every region, if this node still writes. */
    void period() {
        clock += 2;
        if (writing) {
            regions.forEach(r -> r.write(HeartbeatBlock.beat(clock, number, generation, deadMs)));
        }
    }

    /** From now on only the writes to {@code completing} complete (the other regions' I/O hangs). */
    void writesCompleteOnlyIn(HeartbeatDevice... completing) {
        regions.clear();
        regions.addAll(List.of(completing));
    }

    /** Its writes stop completing (hung I/O, crash): the slot keeps its last block. */
    void stop() {
        writing = false;
    }

    /** A clean stop of the region: the last block carries generation 0. */
    void leaveCleanly() {
        clock += 2;
        regions.forEach(r -> r.write(HeartbeatBlock.beat(clock, number, 0, deadMs)));
        writing = false;
    }

    /** The region is started again: a new generation. */
    void restart() {
        long g;
        do {
            g = random.nextLong();
        } while (g == 0 || g == generation);
        generation = g;
        writing = true;
    }
}
