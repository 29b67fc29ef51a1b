package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Spec §6.3 step 2: fresh sequences pass, old ones do not, u32 wrap-around, reset on leaving the hbdomain. */
class SequenceFilterTest {
    private final SequenceFilter filter = new SequenceFilter();

    @Test
    void packetsInOrderAreAccepted() {
        assertThat(filter.accept(1, 1)).isTrue();
        assertThat(filter.accept(1, 2)).isTrue();
        assertThat(filter.accept(1, 5)).isTrue(); // lost packets in between do not matter
        assertThat(filter.last(1)).isEqualTo(5);
    }

    @Test
    void duplicatesAndOldPacketsAreDropped() {
        filter.accept(1, 10);
        assertThat(filter.accept(1, 10)).isFalse();
        assertThat(filter.accept(1, 9)).isFalse();
        assertThat(filter.accept(1, 1)).isFalse();
        assertThat(filter.last(1)).isEqualTo(10);
    }

    @Test
    void aSequenceOfZeroIsNeverFreshForANewSender() {
        assertThat(filter.accept(0, 0)).isFalse();
    }

    @Test
    void sendersAreIndependent() {
        filter.accept(1, 100);
        assertThat(filter.accept(2, 1)).isTrue();
        assertThat(filter.accept(63, 1)).isTrue();
    }

    @Test
    void sequencesAboveTwoToTheThirtyOneCompareUnsigned() {
        assertThat(filter.accept(1, 0x7FFF_FFFF)).isTrue();
        assertThat(filter.accept(1, 0x8000_0000)).isTrue(); // negative as an int, larger as a u32
        assertThat(filter.accept(1, 0x7FFF_FFFF)).isFalse();
    }

    @Test
    void theCounterWrappingAroundIsAccepted() {
        filter.accept(1, 0xFFFF_FFF0);
        assertThat(filter.accept(1, 5)).isTrue();
        assertThat(filter.last(1)).isEqualTo(5);
        assertThat(filter.accept(1, 6)).isTrue();
    }

    @Test
    void exactlyHalfTheRangeBehindIsOld() {
        filter.accept(1, 0x8000_0000);
        assertThat(filter.accept(1, 0)).isFalse(); // last - seq = 0x80000000, not more
        filter.accept(1, 0x8000_0001);
        assertThat(filter.accept(1, 0)).isTrue();
    }

    @Test
    void resetAcceptsARestartedSender() {
        filter.accept(1, 5000);
        assertThat(filter.accept(1, 1)).isFalse();

        filter.reset(1);

        assertThat(filter.accept(1, 1)).isTrue();
        assertThat(filter.accept(1, 2)).isTrue();
    }

    @Property
    void aSequenceIsAcceptedAtMostOnce(@ForAll @IntRange(max = 63) int sender, @ForAll int start, @ForAll int sequence) {
        SequenceFilter f = new SequenceFilter();
        f.accept(sender, start);
        f.accept(sender, sequence);
        assertThat(f.accept(sender, sequence)).isFalse();
    }

    @Property
    void theNextSequenceIsAlwaysFresh(@ForAll @IntRange(max = 63) int sender, @ForAll int start) {
        SequenceFilter f = new SequenceFilter();
        f.accept(sender, start);
        int last = f.last(sender);
        assertThat(f.accept(sender, last + 1)).isTrue(); // int overflow is the u32 wrap-around
    }
}
