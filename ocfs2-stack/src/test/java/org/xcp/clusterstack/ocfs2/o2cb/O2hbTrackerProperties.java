package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The tracker's rules for any dead_threshold and any order of reads. */
class O2hbTrackerProperties {
    private static final long GEN = 99;

    /** What the owner did before one read. */
    enum Step { CHANGE, SAME, TORN }

    @Property
    void aLiveSlotSurvivesExactlyDeadThresholdMinusOneSilentReads(@ForAll @IntRange(min = 3, max = 121) int threshold,
            @ForAll @IntRange(max = 130) int silent) {
        Run run = new Run(threshold);
        run.apply(Step.SAME).apply(Step.CHANGE).apply(Step.CHANGE).apply(Step.CHANGE); // live, steady
        for (int i = 0; i < silent; i++) {
            run.apply(Step.SAME);
        }
        assertThat(run.tracker.live(0)).isEqualTo(silent < threshold);
    }

    @Property
    void aSlotThatIsNotLiveBecomesLiveAtItsSecondChangeWhateverComesBetween(
            @ForAll("quiet") List<Step> before, @ForAll("quiet") List<Step> between) {
        Run run = new Run(31);
        run.apply(Step.SAME); // baseline
        before.forEach(run::apply);
        run.apply(Step.CHANGE);
        between.forEach(run::apply);
        assertThat(run.tracker.live(0)).isFalse();
        run.apply(Step.CHANGE);
        assertThat(run.tracker.live(0)).isTrue();
    }

    @Property
    void aSlotThatChangesAtLeastOnceEveryDeadThresholdReadsStaysLive(@ForAll @IntRange(min = 3, max = 40) int threshold,
            @ForAll @Size(max = 200) List<@IntRange(min = 0, max = 39) Integer> gaps) {
        Run run = new Run(threshold);
        run.apply(Step.SAME).apply(Step.CHANGE).apply(Step.CHANGE);
        for (int gap : gaps) {
            for (int i = 0; i < Math.min(gap, threshold - 1); i++) {
                run.apply(i % 2 == 0 ? Step.SAME : Step.TORN);
            }
            run.apply(Step.CHANGE);
            assertThat(run.tracker.live(0)).isTrue();
        }
    }

    @Provide
    Arbitrary<List<Step>> quiet() {
        return Arbitraries.of(Step.SAME, Step.TORN).list().ofMaxSize(80);
    }

    private static final class Run {
        final O2hbTracker tracker;
        final RegionImage region = new RegionImage(1);
        long seq = 500;

        Run(int threshold) {
            tracker = new O2hbTracker(threshold);
            region.beat(0, seq, GEN);
        }

        Run apply(Step step) {
            switch (step) {
                case CHANGE -> region.beat(0, ++seq, GEN);
                case TORN -> region.badChecksum(0, ++seq, GEN);
                default -> { }
            }
            tracker.read(region.bytes(), RegionImage.BLOCK);
            return this;
        }
    }
}
