package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.xhad.sim.FaultScheduleSimTest.startAndElectMaster;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;

/**
 * Issue 17, "why was this host fenced?": what each host's event journal says after the faults of the lab, at xapi's
 * T = 10. The loser's last entry is its self-fence with the rule and its inputs; every survivor explains the drop
 * with the loser's silence and its own side's verdict (invariant I6 checks every drop of every schedule has one).
 */
class JournalSimTest {
    private static final SimTimeouts T = SimTimeouts.XAPI_T10;
    private static final Duration ROUND = T.maxTimeout().multipliedBy(3).plus(T.fh4Wait()).plusSeconds(20);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42})
    void theLoserOfAPartitionRecordsTheSurvivalRuleItLostBeforeItFences(long seed) {
        run(3, seed, pool -> {
            pool.faults().partition(HostSet.of(0, 1), HostSet.of(2));
            awaitLivesets(pool, HostSet.of(0, 1));

            List<JournalEvent> loser = pool.host(2).journal();
            JournalEvent last = loser.get(loser.size() - 1);
            assertThat(last.kind()).as("the loser's last entry").isEqualTo(EventKind.SELF_FENCE);
            if (last.summary().startsWith("this host lost the survival rule")) {
                assertThat(last.evidence()).containsEntry("verdict", "LOSE").containsEntry("survives", false)
                        .containsEntry("hbdomain", List.of(2)).containsKeys("sfdomain", "reported", "liveset");
            } else { // a winner's section removed it before its own FH3 decided (the statefile's fence_request)
                assertThat(last.summary()).matches("host [01]'s statefile section removes this host: .*");
                assertThat(last.evidence()).containsKeys("removed_by", "their_proposed_liveset", "my_hbdomain");
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42})
    void theSurvivorsOfAPartitionExplainTheDropWithTheLosersSilenceAndTheirOwnVerdict(long seed) {
        run(3, seed, pool -> {
            pool.faults().partition(HostSet.of(0, 1), HostSet.of(2));
            awaitLivesets(pool, HostSet.of(0, 1));

            for (int survivor : new int[] {0, 1}) {
                JournalEvent verdict = only(pool.host(survivor).journal(), EventKind.SURVIVAL_RULE);
                assertThat(verdict.evidence()).containsEntry("survives", true);
                assertThat(only(pool.host(survivor).journal(), EventKind.FENCE_REQUESTED).evidence())
                        .containsEntry("hosts", List.of(2));
                JournalEvent dropped = only(pool.host(survivor).journal(), EventKind.HOST_DROPPED);
                assertThat(dropped.evidence()).containsEntry("host", 2).containsEntry("liveset", List.of(0, 1));
                assertThat((Long) dropped.evidence().get("no_heartbeat_ms")).as("silent at least T1")
                        .isGreaterThanOrEqualTo(T.bigT1().toMillis());
                assertThat(dropped.evidence().get("survival_rule")).isEqualTo(verdict.evidence());
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 42})
    void aCrashedHostWritesNothingAndTheSurvivorsRecordItsSilenceOnBothChannels(long seed) {
        run(3, seed, pool -> {
            int entriesBefore = pool.host(2).journal().size();
            pool.faults().crash(2);
            awaitLivesets(pool, HostSet.of(0, 1));

            assertThat(pool.host(2).journal()).hasSize(entriesBefore);
            JournalEvent dropped = only(pool.host(0).journal(), EventKind.HOST_DROPPED);
            assertThat((Long) dropped.evidence().get("no_heartbeat_ms")).isGreaterThanOrEqualTo(T.maxWatchdog()
                    .toMillis());
            assertThat((Long) dropped.evidence().get("no_statefile_write_ms")).isGreaterThanOrEqualTo(T.bigT2()
                    .toMillis());
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void everyHostRecordsGoingOnlineArmedAndTheMasterItSees(long seed) {
        run(3, seed, pool -> {
            for (int h = 0; h < 3; h++) {
                List<EventKind> kinds = pool.host(h).journal().stream().map(JournalEvent::kind).toList();
                assertThat(kinds).as("host %d", h).startsWith(EventKind.ONLINE, EventKind.ARMED)
                        .contains(EventKind.MASTER_LOCK);
            }
        });
    }

    // ---- helpers ----

    private static JournalEvent only(List<JournalEvent> journal, EventKind kind) {
        List<JournalEvent> found = journal.stream().filter(e -> e.kind() == kind).toList();
        assertThat(found).as("%s entries in %s", kind, journal).hasSize(1);
        return found.get(0);
    }

    /** A 3-host pool at T = 10, invariants watched, Online with host 0 the master, 3 s of steady state. */
    private static void run(int hosts, long seed, Consumer<SimulatedPool> scenario) {
        SimulatedPool.run(FaultScheduleSimTest.setup(seed, hosts), pool -> {
            PoolInvariants.watch(pool, false);
            startAndElectMaster(pool, 0);
            pool.runFor(Duration.ofSeconds(3));
            scenario.accept(pool);
        });
    }

    private static void awaitLivesets(SimulatedPool pool, HostSet expected) {
        Optional<Duration> at = pool.runUntil(ROUND, () -> expected.indexes()
                .allMatch(i -> pool.host(i).running() && pool.host(i).liveset().equals(expected)));
        assertThat(at).as("every host of %s has liveset %s within %s", expected, expected, ROUND).isPresent();
    }
}
