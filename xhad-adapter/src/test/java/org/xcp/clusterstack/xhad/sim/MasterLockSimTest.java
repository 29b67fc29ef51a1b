package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.sim.SimTiming.ENABLE_JOIN_TIMEOUT;
import static org.xcp.clusterstack.xhad.sim.SimTiming.TICK;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §7.6: the master lock goes to exactly one host; among simultaneous requesters the lowest index wins. */
class MasterLockSimTest {
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(10);
    private static final int SEEDS = Integer.getInteger("sim.seeds", 200);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 2024})
    void whenEveryHostProposesAtTheSameInstantOnlyHostZeroGetsTrue(long seed) {
        SimulatedPool.run(PoolSetup.of(3, seed), pool -> {
            startOnline(pool);

            List<Long> ids = List.of(pool.proposeMaster(0), pool.proposeMaster(1), pool.proposeMaster(2));
            assertThat(pool.runUntil(ANSWER_LIMIT, () -> ids.stream().allMatch(id -> pool.reply(id).isPresent())))
                    .as("every proposal answered").isPresent();

            assertThat(pool.reply(ids.get(0)).orElseThrow().isTrue()).as("host 0 answers TRUE").isTrue();
            assertThat(pool.reply(ids.get(1)).orElseThrow().isFalse()).as("host 1 answers FALSE").isTrue();
            assertThat(pool.reply(ids.get(2)).orElseThrow().isFalse()).as("host 2 answers FALSE").isTrue();
            assertThat(pool.master()).as("the global master field").contains(pool.hostId(0));

            // asking again changes nothing: the holder stays TRUE, the others FALSE
            long again0 = pool.proposeMaster(0);
            long again2 = pool.proposeMaster(2);
            pool.runUntil(ANSWER_LIMIT, () -> pool.reply(again0).isPresent() && pool.reply(again2).isPresent());
            assertThat(pool.reply(again0).map(SimReply::isTrue)).contains(true);
            assertThat(pool.reply(again2).map(SimReply::isFalse)).contains(true);
        });
    }

    @Test
    void overManySeedsWithRandomStartsAndTickOrdersSimultaneousProposalsNeverGiveTwoTrue() {
        assertNoSeedFails((seed, pool) -> {
            for (int i = 0; i < 3; i++) {
                pool.startAt(i, Duration.ofMillis(pool.random().nextInt(3001))); // up to 3 s apart
            }
            pool.runUntil(ENABLE_JOIN_TIMEOUT, () -> pool.runs().size() == 3 && everyHostOnline(pool));
            assertThat(everyHostOnline(pool)).as("every host Online").isTrue();
            List<Long> ids = List.of(pool.proposeMaster(0), pool.proposeMaster(1), pool.proposeMaster(2));
            assertOneHolder(pool, ids);
        });
    }

    /** Proposals one after another, each 0 to 1.45 s after the previous, in a random host order. */
    @Test
    void overManySeedsProposalsAtRandomInstantsNeverGiveTwoTrue() {
        assertNoSeedFails((seed, pool) -> {
            startOnline(pool);
            List<Long> ids = new ArrayList<>();
            List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
            Collections.shuffle(order, pool.random());
            for (int host : order) {
                pool.runFor(TICK.multipliedBy(pool.random().nextInt(30)));
                ids.add(pool.proposeMaster(host));
            }
            assertOneHolder(pool, ids);
        });
    }

    /**
     * Once a host has answered TRUE it holds the lock until it leaves or cancels (§7.6: "grants disappear
     * when the holder leaves the liveset or cancels"); a lower index asking afterwards must get FALSE.
     */
    @Test
    void aLowerIndexHostProposingRightAfterAnotherAnsweredTrueGetsFalse() {
        assertNoSeedFails((seed, pool) -> {
            startOnline(pool);
            long first = pool.proposeMaster(2);
            assertThat(pool.runUntil(ANSWER_LIMIT, () -> pool.reply(first).isPresent())).isPresent();
            assertThat(pool.reply(first).map(SimReply::isTrue)).as("host 2, alone in asking, answers TRUE")
                    .contains(true);

            long second = pool.proposeMaster(0);
            assertOneHolder(pool, List.of(first, second));
        });
    }

    /**
     * xhad never asks for the lock while another host holds it, and cancels after a lost wait: a host answered
     * FALSE has {@code lock_request} clear in its section, and nobody grants to it (before the shared core the
     * loser kept asking and the others kept granting to it).
     */
    @Test
    void aHostAnsweredFalseStopsAskingAndNobodyGrantsToIt() {
        assertNoSeedFails((seed, pool) -> {
            startOnline(pool);
            List<Long> ids = List.of(pool.proposeMaster(0), pool.proposeMaster(1), pool.proposeMaster(2));
            assertOneHolder(pool, ids);
            int holder = pool.reply(ids.stream().filter(id -> pool.reply(id).orElseThrow().isTrue()).findFirst()
                    .orElseThrow()).orElseThrow().host();
            pool.runFor(Duration.ofSeconds(6)); // a few cycles after the answers
            for (int i = 0; i < 3; i++) {
                var section = pool.statefile().hosts().get(i);
                if (i != holder) {
                    assertThat(section.lockRequest()).as("host %d answered FALSE: lock_request", i).isZero();
                }
                for (int j = 0; j < 3; j++) {
                    if (j != holder) {
                        assertThat(section.lockGrantWithin(3).contains(j)).as("host %d grants to loser %d", i, j)
                                .isFalse();
                    }
                }
            }
        });
    }

    /** Exactly one TRUE, every other answer FALSE, and the master field names the host that said TRUE. */
    private static void assertOneHolder(SimulatedPool pool, List<Long> ids) {
        assertThat(pool.runUntil(ANSWER_LIMIT, () -> ids.stream().allMatch(id -> pool.reply(id).isPresent())))
                .as("every proposal answered").isPresent();
        pool.runFor(Duration.ofSeconds(3)); // nothing may change its mind later
        List<SimReply> replies = ids.stream().map(id -> pool.reply(id).orElseThrow()).toList();
        List<SimReply> trues = replies.stream().filter(SimReply::isTrue).toList();
        assertThat(trues).as("TRUE replies among " + replies).hasSize(1);
        assertThat(replies).as("every other reply FALSE").filteredOn(r -> !r.isTrue()).allMatch(SimReply::isFalse);
        assertThat(pool.master()).as("the global master field").contains(pool.hostId(trues.get(0).host()));
    }

    /** Runs the scenario for seeds 1..SEEDS (200, or -Dsim.seeds=N); a failure names every failing seed and shows the first in full. */
    static void assertNoSeedFails(BiConsumer<Long, SimulatedPool> scenario) {
        List<Long> failed = new ArrayList<>();
        String first = "";
        for (long seed = 1; seed <= SEEDS; seed++) {
            long s = seed;
            try {
                SimulatedPool.run(PoolSetup.of(3, seed), pool -> scenario.accept(s, pool));
            } catch (AssertionError e) {
                first = failed.isEmpty() ? e.getMessage() : first;
                failed.add(seed);
            }
        }
        assertThat(failed).as("%d of %d seeds failed; the first:%n%s", failed.size(), SEEDS, first).isEmpty();
    }

    static void startOnline(SimulatedPool pool) {
        pool.startAll();
        assertThat(pool.runUntil(ENABLE_JOIN_TIMEOUT, () -> everyHostOnline(pool))).as("every host Online")
                .isPresent();
    }

    static boolean everyHostOnline(SimulatedPool pool) {
        return !pool.running().isEmpty() && pool.running().size() == pool.setup().hosts()
                && pool.running().stream().allMatch(SimHost::online);
    }
}
