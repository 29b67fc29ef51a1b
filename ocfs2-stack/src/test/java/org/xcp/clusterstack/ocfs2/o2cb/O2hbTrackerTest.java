package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** stacks.md §3.4's liveness rules, one test each, on one slot (node 1) of an in-memory region. */
class O2hbTrackerTest {
    private static final int NODE = 1;
    private static final long GEN = 0x5EED_0000_0000_0001L;
    private final RegionImage region = new RegionImage(3);
    private final O2hbTracker tracker = new O2hbTracker(31);
    private long seq = 1_000;

    private void read() {
        tracker.read(region.bytes(), RegionImage.BLOCK);
    }

    /** The owner wrote a new block (hb_seq moved on), then the region is read. */
    private void changedRead() {
        seq += 2;
        region.beat(NODE, seq, GEN);
        read();
    }

    private void unchangedReads(int n) {
        for (int i = 0; i < n; i++) {
            read();
        }
    }

    /** Baseline, the two changes that make the node live, and one beat more: a node in its steady state. */
    private void becomeLive() {
        read(); // baseline
        changedRead();
        changedRead();
        assertThat(tracker.live(NODE)).isTrue();
        changedRead();
    }

    @Test
    void atRegionStartEveryStaleBlockIsReadOnceAsABaselineSoItDoesNotCountAsAChange() {
        region.beat(NODE, seq, GEN); // left over from an earlier run
        read();
        changedRead();
        assertThat(tracker.live(NODE)).as("one change after the baseline").isFalse();
        changedRead();
        assertThat(tracker.live(NODE)).isTrue();
    }

    @Test
    void aNodeThatIsNotLiveBecomesLiveOnceHbSeqHasBeenSeenToChangeOnTwoReads() {
        read();
        changedRead();
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.WAITING);
        changedRead();
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.LIVE);
        assertThat(tracker.liveNodes()).containsExactly(NODE);
    }

    @Test
    void forANodeThatIsNotYetLiveTheChangesAccumulateAndNeedNotBeConsecutive() {
        read();
        changedRead();
        unchangedReads(100); // far more than dead_threshold: not live, so nothing to die of
        assertThat(tracker.live(NODE)).isFalse();
        changedRead();
        assertThat(tracker.live(NODE)).isTrue();
    }

    @Test
    void aLiveNodeIsDeadAfterDeadThresholdConsecutiveReadsWithoutAChange() {
        becomeLive();
        unchangedReads(30);
        assertThat(tracker.live(NODE)).as("after 30 unchanged reads").isTrue();
        unchangedReads(1);
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.DEAD);
    }

    @Test
    void aNodeThatFallsSilentOnTheReadAfterItsJoinNeedsOneReadMoreAsInTheKernel() {
        read();
        changedRead();
        changedRead(); // live, and heartbeat.c keeps this read's change count until the next read clears it
        unchangedReads(31);
        assertThat(tracker.live(NODE)).isTrue();
        unchangedReads(1);
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.DEAD);
    }

    @Test
    void anyChangeResetsTheCount() {
        becomeLive();
        unchangedReads(30);
        changedRead();
        unchangedReads(30);
        assertThat(tracker.live(NODE)).isTrue();
        unchangedReads(1);
        assertThat(tracker.live(NODE)).isFalse();
    }

    @Test
    void withTheDefaultThresholdAndTheTwoSecondPeriodANodeIsDead62SecondsAfterTheLastReadThatSawAChange() {
        becomeLive();
        int reads = 0;
        while (tracker.live(NODE)) {
            read();
            reads++;
        }
        Duration deadAfter = O2cbMembership.POLL_INTERVAL.multipliedBy(reads);
        assertThat(reads).isEqualTo(31);
        assertThat(deadAfter).isEqualTo(Duration.ofSeconds(62));
        // the silent node's own write timeout, (dead_threshold - 1) x 2 s, fired one period before
        Duration selfFence = O2cbMembership.POLL_INTERVAL.multipliedBy(tracker.deadThreshold() - 1);
        assertThat(selfFence).isEqualTo(Duration.ofSeconds(60));
        assertThat(deadAfter.minus(selfFence)).isEqualTo(O2cbMembership.FENCING.windowAfterLoss());
    }

    @Test
    void slotsWithABadChecksumAreSkippedWhileTheNodeIsNotLive() {
        read();
        changedRead();
        seq += 2;
        region.badChecksum(NODE, seq, GEN); // would be the second change if it counted
        read();
        assertThat(tracker.live(NODE)).isFalse();
        seq += 2;
        region.badChecksum(NODE, seq, GEN);
        read();
        assertThat(tracker.live(NODE)).isFalse();
        changedRead();
        assertThat(tracker.live(NODE)).isTrue();
    }

    @Test
    void aBadChecksumOnALiveSlotCountsAsNoChange() {
        becomeLive();
        for (int i = 0; i < 30; i++) {
            seq += 2; // the owner keeps writing, but every block reads back torn
            region.badChecksum(NODE, seq, GEN);
            read();
        }
        assertThat(tracker.live(NODE)).as("30 bad checksums").isTrue();
        seq += 2;
        region.badChecksum(NODE, seq, GEN);
        read();
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.DEAD);
    }

    @Test
    void aChangeOfHbGenerationOnALiveSlotMarksTheNodeDeadAtOnceAndItHasToEarnLivenessAgain() {
        becomeLive();
        seq += 2;
        region.beat(NODE, seq, GEN + 1); // the owner restarted its region
        read();
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.RESTARTED);
        unchangedReads(5);
        assertThat(tracker.live(NODE)).isFalse();
        // as in heartbeat.c the change seen with the new generation is kept: one more change makes two
        changedReadWith(GEN + 1);
        assertThat(tracker.live(NODE)).isTrue();
    }

    @Test
    void generationZeroMeansTheNodeLeftCleanly() {
        becomeLive();
        seq += 2;
        region.beat(NODE, seq, 0); // its last block on a clean stop
        read();
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.LEFT);
        unchangedReads(100);
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.LEFT);
    }

    @Test
    void aNodeThatLeftCleanlyBeforeTheBaselineIsNeverLive() {
        region.beat(NODE, seq, 0);
        read();
        unchangedReads(40);
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.WAITING);
    }

    @Test
    void aGenerationChangeWhileNotLiveKillsNothingAndItsChangeCounts() {
        read();
        seq += 2;
        region.beat(NODE, seq, GEN + 7);
        read();
        assertThat(tracker.live(NODE)).isFalse();
        changedReadWith(GEN + 7);
        assertThat(tracker.live(NODE)).isTrue();
    }

    @Test
    void eachSlotIsTrackedOnItsOwn() {
        read();
        for (int i = 0; i < 2; i++) {
            seq += 2;
            region.beat(0, seq, GEN).beat(2, seq, GEN);
            read();
        }
        assertThat(tracker.liveNodes()).containsExactly(0, 2);
        assertThat(tracker.state(NODE)).isEqualTo(SlotState.WAITING);
    }

    @Test
    void readsSinceChangeCountsTheReadsSinceTheOwnersLastWriteWasSeen() {
        becomeLive();
        assertThat(tracker.readsSinceChange(NODE)).isZero();
        unchangedReads(3);
        assertThat(tracker.readsSinceChange(NODE)).isEqualTo(3);
        seq += 2;
        region.badChecksum(NODE, seq, GEN);
        read();
        assertThat(tracker.readsSinceChange(NODE)).isEqualTo(4);
        changedRead();
        assertThat(tracker.readsSinceChange(NODE)).isZero();
    }

    @Test
    void aSlotFirstSeenInALaterLongerReadStartsWithItsOwnBaseline() {
        O2hbTracker t = new O2hbTracker(31);
        RegionImage wide = new RegionImage(3);
        wide.beat(2, 10, GEN);
        t.read(java.util.Arrays.copyOf(wide.bytes(), RegionImage.BLOCK), RegionImage.BLOCK); // slot 0 only
        t.read(wide.bytes(), RegionImage.BLOCK); // slot 2's baseline
        wide.beat(2, 12, GEN);
        t.read(wide.bytes(), RegionImage.BLOCK);
        assertThat(t.live(2)).isFalse();
        wide.beat(2, 14, GEN);
        t.read(wide.bytes(), RegionImage.BLOCK);
        assertThat(t.live(2)).isTrue();
    }

    private void changedReadWith(long generation) {
        seq += 2;
        region.beat(NODE, seq, generation);
        read();
    }
}
