package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.sim.MasterLockSimTest.startOnline;
import static org.xcp.clusterstack.xhad.sim.SimTiming.BOOT_JOIN_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.FH4_WAIT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.HEARTBEAT_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.LONGEST_CYCLE;
import static org.xcp.clusterstack.xhad.sim.SimTiming.STATEFILE_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.TICK;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;

/**
 * Spec §7.4 (clean stop), §7.3 FH4 (a vanished host leaves the liveset only once its watchdogs must have
 * reset it, and only while fencing is armed), §7.1 steps 3 and 6 (a restarted host rejoins).
 */
class CleanStopSimTest {
    private static final HostSet WHOLE_POOL = HostSet.of(0, 1, 2);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aCleanlyStoppedHostLeavesTheOthersLivesetsOnlyAfterTheFh4Wait(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);
            pool.runFor(Duration.ofSeconds(2));
            Duration stoppedAt = pool.time();

            pool.stop(2);

            assertThat(pool.host(2).end()).hasValueSatisfying(e -> {
                assertThat(e.code()).isEqualTo(ExitCode.SUCCESS);
                assertThat(e.disarm()).isTrue();
            });
            Duration lastHeard = pool.host(2).lastHeartbeatSent().orElseThrow();
            Duration[] dropped = awaitDropOf(pool, 2, HEARTBEAT_TIMEOUT.plus(FH4_WAIT).multipliedBy(2));
            // never before it is certainly fenced, max(Wh, Ws) after its last sign of life (issue 18's floor; xhad
            // waits longer, T1 + its FH4 sleep); at most one cycle later on the statefile than xhad
            Duration earliest = lastHeard.plus(SimTiming.max(SimTiming.HEARTBEAT_WATCHDOG,
                    SimTiming.STATEFILE_WATCHDOG));
            Duration latest = stoppedAt.plus(LONGEST_CYCLE).plus(STATEFILE_TIMEOUT).plus(FH4_WAIT)
                    .plus(TICK.multipliedBy(2));
            for (int i = 0; i < 2; i++) {
                assertThat(dropped[i]).as("when host %d dropped host 2 (stopped at %s)", i, stoppedAt)
                        .isGreaterThan(earliest).isLessThanOrEqualTo(latest);
                assertThat(pool.host(i).liveset()).isEqualTo(HostSet.of(0, 1));
                assertThat(pool.host(i).online()).isTrue();
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void whileTheOthersAreDisarmedAStoppedHostIsNeverDropped(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);
            long d0 = pool.disarm(0);
            long d1 = pool.disarm(1);
            pool.step();
            assertThat(pool.reply(d0).map(SimReply::code)).contains(ExitCode.SUCCESS);
            assertThat(pool.reply(d1).map(SimReply::code)).contains(ExitCode.SUCCESS);

            pool.stop(2);

            Duration watched = HEARTBEAT_TIMEOUT.plus(STATEFILE_TIMEOUT).plus(FH4_WAIT).multipliedBy(3);
            assertThat(pool.runUntil(watched, () -> !pool.host(0).liveset().contains(2)
                    || !pool.host(1).liveset().contains(2))).as("a disarmed host drops a member").isEmpty();
            for (int i = 0; i < 2; i++) {
                assertThat(pool.host(i).online()).isTrue();
                assertThat(pool.host(i).armed()).isFalse();
                assertThat(pool.host(i).liveset()).isEqualTo(WHOLE_POOL);
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aStoppedHostStartedAgainRejoinsTheLiveset(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);
            pool.stop(2);
            awaitDropOf(pool, 2, HEARTBEAT_TIMEOUT.plus(FH4_WAIT).multipliedBy(2));
            Duration restartedAt = pool.time();

            SimHost again = pool.start(2);

            assertThat(again.run()).isEqualTo(2);
            assertThat(pool.runUntil(BOOT_JOIN_TIMEOUT, () -> wholePoolOnline(pool)))
                    .as("every host Online with the whole pool within Tboot of the restart").isPresent();
            assertThat(again.onlineAt()).hasValueSatisfying(t -> assertThat(t).isGreaterThan(restartedAt));
            pool.runFor(LONGEST_CYCLE.multipliedBy(2));
            for (int i = 0; i < 3; i++) {
                assertThat(pool.host(i).liveset()).as("host %d's liveset", i).isEqualTo(WHOLE_POOL);
                assertThat(pool.statefile().host(i).currentLiveset()).as("host %d's section", i).isEqualTo(WHOLE_POOL);
            }
        });
    }

    /** §7.1 step 3: started again before the others noticed, it waits until they have dropped it, then joins. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aHostRestartedBeforeTheOthersNoticedWaitsUntilTheyDropItThenRejoins(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);
            pool.stop(2);
            pool.runFor(Duration.ofSeconds(2));
            SimHost again = pool.start(2);
            Duration[] dropped = new Duration[2];

            assertThat(pool.runUntil(BOOT_JOIN_TIMEOUT, () -> {
                noteDrops(pool, 2, dropped);
                return wholePoolOnline(pool);
            })).as("every host Online with the whole pool within Tboot of the restart").isPresent();
            assertThat(dropped).as("both others dropped the old run first").doesNotContainNull();
            assertThat(again.onlineAt()).hasValueSatisfying(t -> assertThat(t)
                    .isGreaterThanOrEqualTo(dropped[0]).isGreaterThanOrEqualTo(dropped[1]));
        });
    }

    /** Steps until hosts 0 and 1 have both dropped {@code gone}; when each did. */
    private static Duration[] awaitDropOf(SimulatedPool pool, int gone, Duration limit) {
        Duration[] dropped = new Duration[2];
        assertThat(pool.runUntil(limit, () -> noteDrops(pool, gone, dropped))).as("host %d dropped", gone)
                .isPresent();
        return dropped;
    }

    private static boolean noteDrops(SimulatedPool pool, int gone, Duration[] dropped) {
        for (int i = 0; i < dropped.length; i++) {
            if (dropped[i] == null && !pool.host(i).liveset().contains(gone)) {
                dropped[i] = pool.time();
            }
        }
        return Arrays.stream(dropped).allMatch(Objects::nonNull);
    }

    private static boolean wholePoolOnline(SimulatedPool pool) {
        return pool.running().size() == 3 && pool.running().stream()
                .allMatch(h -> h.online() && h.liveset().equals(WHOLE_POOL));
    }
}
