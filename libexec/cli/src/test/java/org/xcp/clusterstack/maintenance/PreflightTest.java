package org.xcp.clusterstack.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.poolstatus.PoolFixture;
import org.xcp.clusterstack.poolstatus.StatefileRule;

class PreflightTest {
    private static PreflightVerdict enter(PoolFixture pool) {
        return Preflight.enter(pool.picture(), new StatefileRule());
    }

    @Test
    void aSlaveOfAHealthyThreeHostPoolMayLeave() {
        PreflightVerdict v = enter(PoolFixture.of(3, 1).master(0));
        assertThat(v.refusals()).isEmpty();
        assertThat(v.notes()).containsExactly("without this host the pool survives 1 more host failure");
    }

    @Test
    void aHostOfATwoHostPoolMayNotLeaveTheOtherAlone() {
        PreflightVerdict v = enter(PoolFixture.of(2, 1).master(0));
        assertThat(v.refusals()).singleElement().asString()
                .startsWith("without this host the pool (1 live host) would survive no further failure")
                .contains("--force risks");
    }

    @Test
    void theLockHolderIsToldThatXapiMustDesignateAnotherMasterFirst() {
        PreflightVerdict v = enter(PoolFixture.of(3, 0).master(0));
        assertThat(v.refusals()).singleElement().asString().startsWith("this host holds the master lock: xapi must"
                + " designate another master first");
    }

    @Test
    void anUnhealthyPoolRefusesButItsDesignDoesNot() {
        PreflightVerdict down = enter(PoolFixture.of(4, 1).stopped(3));
        assertThat(down.refusals()).singleElement().asString().startsWith("the pool is not healthy (host-not-live:");
        PreflightVerdict stored = enter(PoolFixture.of(3, 1).storage(java.time.Duration.ofSeconds(90))
                .fencer("sbd", "pid 1"));
        assertThat(stored.refusals()).as("timeout-below-storage and second-fencer are the pool's design").isEmpty();
    }

    @Test
    void aHostThatLeftAlreadyHasNothingToDoAndOneThatDidNotLeaveCannotExit() {
        PreflightVerdict again = enter(PoolFixture.of(3, 1).stopped(1).section(1, s -> s.excluded(true)));
        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.refused()).isFalse();
        PreflightVerdict notIn = Preflight.exit(PoolFixture.of(3, 1).picture());
        assertThat(notIn.nothingToDo()).isTrue();
    }

    @Test
    void exitNeedsAnActivePool() {
        PoolFixture away = PoolFixture.of(3, 1).stopped(1).section(1, s -> s.excluded(true));
        assertThat(Preflight.exit(away.picture()).refusals()).isEmpty();
        assertThat(Preflight.exit(away.poolState(PoolState.INVALID).picture()).refusals()).singleElement().asString()
                .startsWith("the pool state is INVALID, not ACTIVE");
    }
}
