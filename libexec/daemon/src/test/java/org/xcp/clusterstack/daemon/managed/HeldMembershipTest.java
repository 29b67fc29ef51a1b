package org.xcp.clusterstack.daemon.managed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;

/** stacks.md §5.3 on samples: a departed peer is held live for the fence window; silence is not an answer. */
class HeldMembershipTest {
    static final long S = 1_000_000_000L;
    final HeldMembership held = new HeldMembership(3, 10 * S);

    HostSet quorate(long now, int... members) {
        HostSet m = HostSet.of(members);
        held.update(now, true, m.contains(0), m, m);
        return held.live();
    }

    HostSet unreachable(long now) {
        held.update(now, false, false, HostSet.EMPTY, HostSet.EMPTY);
        return held.live();
    }

    @Test
    void aPeerThatLeavesStaysLiveUntilTheWindowHasPassedSinceTheFirstSampleWithoutIt() {
        held.adopt(HostSet.of(0, 1, 2));
        assertThat(quorate(0, 0, 1, 2)).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(quorate(5 * S, 0, 1)).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.held()).isEqualTo(HostSet.of(2));
        assertThat(quorate(15 * S - 1, 0, 1)).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(quorate(15 * S, 0, 1)).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void aPeerBackWithinTheWindowIsSimplyLiveAndItsWindowStartsAgainNextTime() {
        quorate(0, 0, 1, 2);
        quorate(1 * S, 0, 1);
        quorate(2 * S, 0, 1, 2);
        quorate(9 * S, 0, 1);
        assertThat(quorate(18 * S, 0, 1).contains(2)).isTrue();
        assertThat(quorate(19 * S, 0, 1).contains(2)).isFalse();
    }

    @Test
    void aHostNeverSeenIsNeverHeld() {
        assertThat(quorate(0, 0, 1)).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void aListedHostThatIsNotPresentIsHeldLikeOneTheManagerDropped() {
        quorate(0, 0, 1, 2);
        held.update(S, true, true, HostSet.of(0, 1, 2), HostSet.of(0, 1)); // host 2's daemon started again
        assertThat(held.live()).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.held()).isEqualTo(HostSet.of(2));
        held.update(11 * S, true, true, HostSet.of(0, 1, 2), HostSet.of(0, 1));
        assertThat(held.live()).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void outsideTheQuoratePartitionNobodyIsLive() {
        quorate(0, 0, 1, 2);
        held.update(S, true, false, HostSet.of(0), HostSet.of(0));
        assertThat(held.live()).isEqualTo(HostSet.EMPTY);
        assertThat(held.quorate()).isFalse();
        assertThat(quorate(2 * S, 1, 2)).as("quorate without me").isEqualTo(HostSet.EMPTY);
    }

    @Test
    void aSilentManagerLeavesTheLastAnswerStandingForTheWindowThenCountsTheHostOut() {
        quorate(0, 0, 1, 2);
        assertThat(unreachable(S)).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.quorate()).isTrue();
        assertThat(unreachable(11 * S - 1)).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(unreachable(11 * S)).isEqualTo(HostSet.EMPTY);
        assertThat(held.quorate()).isFalse();
    }
}
