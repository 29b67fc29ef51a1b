package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.sim.FaultScheduleSimTest.startAndElectMaster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;

/**
 * Spec §7.2–§7.5 at xapi's T = 10 (t1 = t2 = 2, T1 = T2 = Wh = 10, Ws = 25; FH4 waits 17 s), one scenario each,
 * with every {@link PoolInvariants invariant} checked after every step.
 */
class FaultHandlerSimTest {
    private static final SimTimeouts T = SimTimeouts.XAPI_T10;
    /** A fault handler's whole round: T1 to notice, FH1–FH3 in a few intervals, the FH4 wait, some slack. */
    private static final Duration ROUND = T.maxTimeout().plus(T.maxInterval().multipliedBy(4)).plus(T.fh4Wait())
            .plusSeconds(2);
    /**
     * §7.3 "the lab's 2+1 partition": the loser fences about T1 + max(T1, T2) after the link goes down (FH2
     * waits max(T1, T2) for agreement, then merges); a few intervals of rendezvous on top.
     */
    private static final Duration LOSER_FENCED = T.bigT1().plus(T.maxTimeout()).plus(T.maxInterval().multipliedBy(4));
    /** Then the winners' FH4 wait, lengthened by min(T1, T2) because FH2 had to trim (§7.3 FH4). */
    private static final Duration PARTITION_ROUND = LOSER_FENCED.plus(T.maxTimeout()).plus(T.fh4Wait())
            .plus(SimTiming.min(T.bigT1(), T.bigT2())).plusSeconds(5);

    /**
     * §7.2, §7.3 FH4, §7.9: survivors drop a crashed host no sooner than max(Wh, Ws) after the crash (its
     * watchdogs could have held it alive that long) and within T1 + FH1–FH3 + the FH4 wait (measured with the C
     * daemon at T = 10: 31.8–33.3 s).
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aCrashedMemberLeavesEverySurvivorsLivesetAfterItsWatchdogsWouldHaveFiredAndWithinOneRound(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));
            Duration crashedAt = pool.time();

            pool.faults().crash(2);

            Duration dropped = awaitLivesets(pool, HostSet.of(0, 1), ROUND.plusSeconds(10));
            assertThat(dropped.minus(crashedAt)).as("crash to new liveset")
                    .isGreaterThanOrEqualTo(T.maxWatchdog()).isLessThanOrEqualTo(ROUND);
            assertThat(pool.host(0).fencedAt()).isEmpty();
            assertThat(pool.host(1).fencedAt()).isEmpty();
        });
    }

    /** §7.6: the master crashes; once it is out of the liveset a survivor's proposal takes the lock. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void whenTheMasterCrashesASurvivorIsElectedOnceTheMasterIsOutOfTheLiveset(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));
            pool.faults().crash(0); // host 0 proposed first: the master

            awaitLivesets(pool, HostSet.of(1, 2), ROUND.plusSeconds(10));
            long id = pool.proposeMaster(2);
            assertThat(pool.runUntil(Duration.ofSeconds(20), () -> pool.reply(id).isPresent())).isPresent();

            assertThat(pool.reply(id).orElseThrow().isTrue()).as("%s", pool.reply(id)).isTrue();
            assertThat(pool.master()).contains(pool.hostId(2));
        });
    }

    /** §7.3 "why the FH4 wait", §7.4: a hung armed host is reset by its watchdog before anyone drops it. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aHungArmedHostIsResetByItsWatchdogBeforeItLeavesAnyLiveset(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));

            pool.faults().hang(1);

            Duration dropped = awaitLivesets(pool, HostSet.of(0, 2), ROUND.plusSeconds(10));
            SimHost hung = pool.host(1);
            assertThat(hung.fencedAt()).as("reset by its watchdog").hasValueSatisfying(t -> {
                assertThat(t).isLessThan(dropped);
                assertThat(t).isEqualTo(roundUp(pool, hung.lastPet().orElseThrow().plus(T.wh())));
            });
            assertThat(hung.fenceReason().orElseThrow()).startsWith("watchdog");
        });
    }

    /** §7.3 weighted largest partition: in a 2 + 1 split the one fences itself, the two go on without it. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void inATwoPlusOnePartitionTheOneSelfFencesAndTheTwoSurvive(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));

            Duration cutAt = pool.time();
            pool.faults().partition(HostSet.of(0, 1), HostSet.of(2));

            awaitLivesets(pool, HostSet.of(0, 1), PARTITION_ROUND);
            assertThat(pool.host(2).fencedAt()).as("host 2 fenced").hasValueSatisfying(t -> assertThat(t.minus(cutAt))
                    .as("the link down to the loser's fence").isLessThanOrEqualTo(LOSER_FENCED));
            assertThat(pool.host(2).fenceReason().orElseThrow()).startsWith("self-fence");
            assertThat(pool.host(0).alive()).isTrue();
            assertThat(pool.host(1).alive()).isTrue();
        });
    }

    /** §7.3: a 2-host split is a tie, which goes to the lowest index: host 1 is fenced, host 0 survives. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void inATwoHostSplitTheHigherIndexIsFenced(long seed) {
        run(2, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));

            Duration cutAt = pool.time();
            pool.faults().partition(HostSet.of(0), HostSet.of(1));

            awaitLivesets(pool, HostSet.of(0), PARTITION_ROUND);
            assertThat(pool.host(1).fencedAt()).as("host 1 fenced").hasValueSatisfying(t -> assertThat(t.minus(cutAt))
                    .as("the link down to the loser's fence").isLessThanOrEqualTo(LOSER_FENCED));
            assertThat(pool.host(0).alive()).isTrue();
            assertThat(pool.host(0).fencedAt()).isEmpty();
        });
    }

    /** §5.5, §7.3 SR-1: a host whose statefile I/O fails drops out of everyone's sfdomain and fences itself. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aHostWhoseStatefileFailsFencesItselfAndTheOthersKeepItOut(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));

            pool.faults().statefileErrors(2);

            awaitLivesets(pool, HostSet.of(0, 1), ROUND.plus(T.maxWatchdog()).plusSeconds(10));
            assertThat(pool.host(2).fencedAt()).as("host 2 fenced (itself or by its watchdog)").isPresent();
            pool.runFor(Duration.ofSeconds(30));
            assertThat(pool.host(0).liveset()).isEqualTo(HostSet.of(0, 1));
            assertThat(pool.host(1).liveset()).isEqualTo(HostSet.of(0, 1));
        });
    }

    /** §7.3 SR-2: the statefile gone for everyone while the network is whole: nobody fenced, all stay live. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void withTheStatefileLostOnEveryHostNobodyIsFencedAndTheLivesetSaysStatefileLost(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));

            pool.faults().loseStatefileEverywhere();

            pool.runFor(ROUND.plus(T.maxWatchdog()).multipliedBy(2));
            for (int i = 0; i < 3; i++) {
                SimHost h = pool.host(i);
                assertThat(h.fencedAt()).as("host %d fenced: %s", i, h.fenceReason()).isEmpty();
                assertThat(h.online()).as("host %d Online", i).isTrue();
                assertThat(h.liveset()).as("host %d's liveset", i).isEqualTo(HostSet.of(0, 1, 2));
                assertThat(h.view().statefileLost()).as("host %d's liveset says statefile_lost", i).isTrue();
                assertThat(h.lastHeartbeat().orElseThrow().sr2()).as("host %d's heartbeat carries SR2", i).isTrue();
            }
        });
    }

    /**
     * §6.3, §7.3 FH2: host 2 → host 0 cut, host 0 → host 2 intact. Connectivity is made symmetric and one of the
     * two ends goes; host 1, which hears both, survives, and the survivors agree.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void anAsymmetricLinkEndsWithOneOfItsEndsFencedAndTheRestAgreeing(long seed) {
        run(3, seed, pool -> {
            pool.runFor(Duration.ofSeconds(3));

            pool.faults().cut(2, 0);

            pool.runFor(ROUND.plus(T.maxTimeout()).plusSeconds(20));
            assertThat(pool.host(1).alive()).as("host 1 survives").isTrue();
            assertThat(pool.host(0).alive() && pool.host(2).alive()).as("hosts 0 and 2 both alive").isFalse();
            HostSet survivors = pool.host(0).alive() ? HostSet.of(0, 1) : HostSet.of(1, 2);
            survivors.indexes().forEach(i -> assertThat(pool.host(i).liveset()).as("host %d's liveset", i)
                    .isEqualTo(survivors));
        });
    }

    /** §7.3, §7.4: a disarmed host that loses a partition is not fenced and removes nobody from its liveset. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aDisarmedHostNeverRemovesAnyoneAndIsNeverFenced(long seed) {
        run(3, seed, pool -> {
            long d = pool.disarm(2);
            pool.runFor(Duration.ofSeconds(3));
            assertThat(pool.reply(d).map(SimReply::code)).contains(ExitCode.SUCCESS);

            pool.faults().partition(HostSet.of(0, 1), HostSet.of(2));
            pool.runUntil(ROUND.plus(T.maxTimeout()).plusSeconds(30), () -> pool.host(2).liveset().size() < 3
                    || pool.host(2).fencedAt().isPresent());

            assertThat(pool.host(2).fencedAt()).as("host 2 fenced: %s", pool.host(2).fenceReason()).isEmpty();
            assertThat(pool.host(2).liveset()).isEqualTo(HostSet.of(0, 1, 2));
            assertThat(pool.host(0).liveset()).as("the armed side removes it").isEqualTo(HostSet.of(0, 1));
        });
    }

    /** I4: mild loss (5 %) and jitter below t1 for two minutes: no fault handler fences anybody. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void aHealthyPoolOnAMildlyLossyNetworkFencesNobody(long seed) {
        PoolSetup setup = FaultScheduleSimTest.setup(seed, 5)
                .withNetwork(new Network(0.05, Duration.ZERO, Duration.ofMillis(900), true));
        SimulatedPool.run(setup, pool -> {
            PoolInvariants.watch(pool, true);
            startAndElectMaster(pool, 0);
            pool.runFor(Duration.ofSeconds(120));
            for (int i = 0; i < 5; i++) {
                assertThat(pool.host(i).online()).as("host %d Online", i).isTrue();
                assertThat(pool.host(i).liveset()).as("host %d's liveset", i).isEqualTo(HostSet.firstN(5));
            }
        });
    }

    // ---- helpers ----

    /** A pool at T = 10, invariants watched, every host Online and host 0 the master. */
    private static void run(int hosts, long seed, Consumer<SimulatedPool> scenario) {
        SimulatedPool.run(FaultScheduleSimTest.setup(seed, hosts), pool -> {
            PoolInvariants.watch(pool, false);
            startAndElectMaster(pool, 0);
            scenario.accept(pool);
        });
    }

    /** Steps until every alive running host in {@code expected} has exactly that liveset; when. */
    private static Duration awaitLivesets(SimulatedPool pool, HostSet expected, Duration limit) {
        Optional<Duration> at = pool.runUntil(limit, () -> expected.indexes()
                .allMatch(i -> pool.host(i).running() && pool.host(i).liveset().equals(expected)));
        assertThat(at).as("every host of %s has liveset %s within %s", expected, expected, limit).isPresent();
        return at.get();
    }

    /** The first step at or after {@code t}: when the simulator can notice something due at {@code t}. */
    private static Duration roundUp(SimulatedPool pool, Duration t) {
        long tick = pool.setup().tick().toNanos();
        return Duration.ofNanos((t.toNanos() + tick - 1) / tick * tick);
    }
}
