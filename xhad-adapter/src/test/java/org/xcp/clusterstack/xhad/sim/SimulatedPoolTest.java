package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.xhad.sim.MasterLockSimTest.everyHostOnline;
import static org.xcp.clusterstack.xhad.sim.SimTiming.ENABLE_JOIN_TIMEOUT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;

/** The simulator itself: reproducible by seed, faults that really happen, xhad's answers outside Online. */
class SimulatedPoolTest {
    private static final Network JITTERY = Network.lossy(0.1, Duration.ofMillis(200));

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherRun() {
        assertThat(traceOf(7)).isEqualTo(traceOf(7));
        assertThat(traceOf(7)).isNotEqualTo(traceOf(8));
    }

    @Test
    void onALossyJitteryNetworkThreeHostsStillStartTogetherAndPacketsAreLostAndReordered() {
        List<String> events = new ArrayList<>();
        for (long seed = 1; seed <= 50; seed++) {
            SimulatedPool.run(PoolSetup.of(3, seed).withNetwork(JITTERY), pool -> {
                pool.startAll();
                assertThat(pool.runUntil(ENABLE_JOIN_TIMEOUT, () -> everyHostOnline(pool))).isPresent();
                pool.runFor(Duration.ofSeconds(10));
                for (int i = 0; i < 3; i++) {
                    assertThat(pool.host(i).liveset()).isEqualTo(HostSet.of(0, 1, 2));
                }
                events.addAll(pool.trace());
            });
        }
        assertThat(events).anyMatch(l -> l.contains("lost heartbeat"))
                .anyMatch(l -> l.contains("dropped old heartbeat"));
    }

    @Test
    void aScriptGets17BeforeOnlineAnd14OnceTheDaemonHasEnded() {
        SimulatedPool.run(PoolSetup.of(3, 1), pool -> {
            pool.startAll();
            long early = pool.proposeMaster(0);
            pool.step();
            assertThat(pool.reply(early).map(SimReply::code)).contains(ExitCode.INVALID_LOCALHOST_STATE);

            pool.stop(0);
            long late = pool.disarm(0);
            assertThat(pool.reply(late).map(SimReply::code)).contains(ExitCode.DAEMON_IS_NOT_PRESENT);
        });
    }

    @Test
    void aFailingScenarioReportsItsSeedAndEveryHost() {
        assertThatThrownBy(() -> SimulatedPool.run(PoolSetup.of(2, 31337), pool -> {
            pool.startAll();
            pool.runFor(Duration.ofSeconds(1));
            assertThat(pool.time()).as("deliberately wrong").isEqualTo(Duration.ZERO);
        })).isInstanceOf(AssertionError.class).hasMessageContaining("seed 31337")
                .hasMessageContaining("host 0 run 1").hasMessageContaining("host 1 run 1");
    }

    /** Random start delays, a lossy network and proposals: everything the seed decides. */
    private static List<String> traceOf(long seed) {
        List<List<String>> trace = new ArrayList<>();
        SimulatedPool.run(PoolSetup.of(3, seed).withNetwork(JITTERY), pool -> {
            for (int i = 0; i < 3; i++) {
                pool.startAt(i, Duration.ofMillis(pool.random().nextInt(2000)));
            }
            pool.runFor(Duration.ofSeconds(6));
            pool.proposeMaster(1);
            pool.proposeMaster(2);
            pool.runFor(Duration.ofSeconds(4));
            trace.add(pool.trace());
        });
        return trace.get(0);
    }
}
