package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.sim.SimTiming.ENABLE_JOIN_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.HEARTBEAT_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.STATEFILE_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.TICK;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.PoolState;

/** Spec §7.1 under INIT, §7.8: the first start of a pool needs every configured host. */
class StartSimTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void threeHostsStartingTogetherUnderInitGoOnlineWithTheWholePoolAndMakeItActive(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            pool.startAll();

            assertThat(pool.runUntil(ENABLE_JOIN_TIMEOUT, () -> pool.running().stream().allMatch(SimHost::online)))
                    .as("every host Online within EnableJoinTimeout").isPresent();
            for (int i = 0; i < 3; i++) {
                assertThat(pool.host(i).liveset()).as("host %d's liveset", i).isEqualTo(HostSet.of(0, 1, 2));
                assertThat(pool.host(i).armed()).as("host %d armed once Online", i).isTrue();
            }
            assertThat(pool.poolState()).as("the first liveset makes INIT ACTIVE").contains(PoolState.ACTIVE);

            pool.runFor(HEARTBEAT_TIMEOUT.plus(STATEFILE_TIMEOUT)); // steady state: nothing changes
            for (int i = 0; i < 3; i++) {
                assertThat(pool.host(i).online()).as("host %d still Online", i).isTrue();
                assertThat(pool.host(i).liveset()).as("host %d's liveset", i).isEqualTo(HostSet.of(0, 1, 2));
                assertThat(pool.statefile().host(i).currentLiveset()).as("host %d's section", i)
                        .isEqualTo(HostSet.of(0, 1, 2));
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void aOneHostPoolGoesOnlineAtOnce(long seed) {
        SimulatedPool.run(PoolSetup.of(1, seed), pool -> {
            pool.start(0);

            // one tick to write and read the statefile, one to propose itself, one to agree with nobody
            assertThat(pool.runUntil(TICK.multipliedBy(3), () -> pool.host(0).online())).isPresent();
            assertThat(pool.host(0).liveset()).isEqualTo(HostSet.of(0));
            assertThat(pool.poolState()).contains(PoolState.ACTIVE);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void underInitAHostThatNeverStartsMakesTheOthersEndWithBootjoinTimeoutAfterEnableJoinTimeout(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            pool.start(0);
            pool.start(1); // host 2 never starts

            pool.runUntil(ENABLE_JOIN_TIMEOUT.plusSeconds(5), () -> pool.running().isEmpty());

            for (int i = 0; i < 2; i++) {
                SimHost h = pool.host(i);
                assertThat(h.onlineAt()).as("host %d never Online: INIT allows no subset", i).isEmpty();
                assertThat(h.end()).as("host %d's end", i).hasValueSatisfying(e -> {
                    assertThat(e.code()).isEqualTo(ExitCode.BOOTJOIN_TIMEOUT);
                    assertThat(e.code().number()).isEqualTo(12);
                });
                assertThat(h.endedAt()).as("host %d ends after Tenable, at its next tick", i)
                        .hasValueSatisfying(t -> assertThat(t).isGreaterThan(ENABLE_JOIN_TIMEOUT)
                                .isLessThanOrEqualTo(ENABLE_JOIN_TIMEOUT.plus(TICK)));
                assertThat(h.armed()).isFalse();
            }
            assertThat(pool.poolState()).as("no liveset was formed").contains(PoolState.INIT);
        });
    }
}
