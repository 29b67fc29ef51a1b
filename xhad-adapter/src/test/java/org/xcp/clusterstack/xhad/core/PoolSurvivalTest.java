package org.xcp.clusterstack.xhad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;

/** What-if answers come from SurvivalRule itself: these are its cases seen from a pool at rest. */
class PoolSurvivalTest {
    private static PoolSurvival pool(int n) {
        HostSet all = HostSet.firstN(n);
        return new PoolSurvival(all, all, all, HostSet.EMPTY, i -> 1);
    }

    @Test
    void withTheStatefileAnyHostLeftSurvivesByStatefileRuleOne() {
        assertThat(pool(3).failuresSurvived(1000)).isEqualTo(OptionalInt.of(2));
        assertThat(pool(5).survivorsOfCrash(HostSet.of(0, 2, 4))).isEqualTo(HostSet.of(1, 3));
        assertThat(pool(1).failuresSurvived(1000)).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void aSplitOfTwoEqualHostsGoesToTheLowestIndexUnlessTheOtherWeighsMore() {
        assertThat(pool(2).survivorsOfSplit(HostSet.of(0))).isEqualTo(HostSet.of(0));
        HostSet all = HostSet.firstN(2);
        PoolSurvival heavyOne = new PoolSurvival(all, all, all, HostSet.EMPTY, i -> i == 1 ? 2 : 1);
        assertThat(heavyOne.survivorsOfSplit(HostSet.of(0))).isEqualTo(HostSet.of(1));
    }

    @Test
    void theLargerSideOfASplitSurvives() {
        assertThat(pool(5).survivorsOfSplit(HostSet.of(3, 4))).isEqualTo(HostSet.of(0, 1, 2));
    }

    @Test
    void withoutTheStatefileOnlyHostsThatHearEveryoneNotExcludedSurvive() {
        HostSet all = HostSet.firstN(3);
        PoolSurvival lost = new PoolSurvival(all, all, HostSet.EMPTY, HostSet.EMPTY, i -> 1);
        assertThat(lost.survivorsOfCrash(HostSet.EMPTY)).as("SR-2 with everyone heard").isEqualTo(all);
        assertThat(lost.failuresSurvived(1000)).as("a crash is no leaving on purpose").isEqualTo(OptionalInt.of(0));
    }

    @Test
    void tooManySetsToTryIsNotAnswered() {
        assertThat(pool(40).failuresSurvived(100)).isEmpty();
    }
}
