package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.sim.MasterLockSimTest.startOnline;
import static org.xcp.clusterstack.xhad.sim.SimTiming.LONGEST_CYCLE;
import static org.xcp.clusterstack.xhad.sim.SimTiming.TICK;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.statefile.PoolState;

/** Spec §7.8 (INVALID stops every daemon at its next read) and §7.7 (set_excluded's exit-19 trap). */
class PoolStateSimTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void invalidSetOnOneHostEndsEveryHostWith11WithinAStatefileCycle(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);
            Duration askedAt = pool.time();

            long id = pool.setPoolState(0, PoolState.INVALID);

            // host 0 writes at its next turn; every other host reads it at its next cycle
            Duration limit = TICK.plus(LONGEST_CYCLE).plus(TICK);
            assertThat(pool.runUntil(limit, () -> pool.running().isEmpty())).as("every host ended").isPresent();
            assertThat(pool.reply(id)).hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(ExitCode.SUCCESS));
            assertThat(pool.poolState()).contains(PoolState.INVALID);
            for (int i = 0; i < 3; i++) {
                SimHost h = pool.host(i);
                assertThat(h.end()).as("host %d", i).hasValueSatisfying(e -> {
                    assertThat(e.code()).isEqualTo(ExitCode.INVALID_POOL_STATE);
                    assertThat(e.disarm()).as("a clean shutdown: watchdogs closed").isTrue();
                });
                assertThat(h.endedAt().orElseThrow()).isLessThanOrEqualTo(askedAt.plus(limit));
                assertThat(h.armed()).isFalse();
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void setExcludedWhileRunningAnswersSuccessThenEndsWith19LeavingFencingArmed(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);

            long id = pool.setExcluded(1, true);

            assertThat(pool.runUntil(TICK.plus(LONGEST_CYCLE), () -> !pool.host(1).running()))
                    .as("host 1 ended").isPresent();
            SimHost h = pool.host(1);
            assertThat(pool.reply(id)).hasValueSatisfying(r -> {
                assertThat(r.code()).isEqualTo(ExitCode.SUCCESS);
                assertThat(r.at()).isLessThanOrEqualTo(h.endedAt().orElseThrow());
            });
            assertThat(h.end()).hasValueSatisfying(e -> {
                assertThat(e.code()).isEqualTo(ExitCode.SET_EXCLUDED);
                assertThat(e.code().number()).isEqualTo(19);
                assertThat(e.disarm()).as("disarm").isFalse();
            });
            assertThat(h.armed()).as("the watchdog is left armed (xhad's trap)").isTrue();
            assertThat(pool.statefile().host(1).excluded()).as("the flag is on the statefile").isEqualTo(1);
            assertThat(pool.host(0).online()).isTrue();
            assertThat(pool.host(2).online()).isTrue();
        });
    }
}
