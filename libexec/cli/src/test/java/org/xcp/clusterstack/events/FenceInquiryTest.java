package org.xcp.clusterstack.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.events.Fixtures.H0;
import static org.xcp.clusterstack.events.Fixtures.H1;
import static org.xcp.clusterstack.events.Fixtures.H2;
import static org.xcp.clusterstack.events.Fixtures.entries;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.events.EventFilter.HostSelector;
import org.xcp.clusterstack.events.FenceInquiry.Finding;
import org.xcp.clusterstack.events.FenceInquiry.PeerView;
import org.xcp.clusterstack.events.FenceInquiry.Verdict;

/**
 * Why host 2 of a 3-host pool went away, in each way it can: the answer names the fence and its reason from host
 * 2's own journal, what it recorded just before, and each peer's record of dropping it; or says it was not fenced.
 */
class FenceInquiryTest {
    private static final HostSelector HOST_2 = HostSelector.of(H2);

    private static Finding why(String pool, HostSelector host) {
        return FenceInquiry.inquire(entries(pool), host, 3);
    }

    @Test
    void aHostThatLostTheSurvivalRuleFencedItselfAndItsRecordSaysWhyEvenAfterItsDaemonStartedAgain() {
        Finding f = why("self-fence", HOST_2);

        assertThat(f.verdict()).isEqualTo(Verdict.SELF_FENCE);
        assertThat(f.verdict().fenced()).isTrue();
        assertThat(f.time()).isEqualTo(Instant.parse("2026-12-07T09:20:05.004Z"));
        assertThat(f.record().orElseThrow().summary()).isEqualTo("this host lost the survival rule: neither SR-1,"
                + " nor the largest partition, nor SR-2 holds for its side");
        assertThat(f.record().get().evidence()).containsEntry("verdict", "LOSE").containsEntry("hbdomain", List.of(2));
        assertThat(f.before()).extracting(JournalEntry::kind).containsExactly("master-lock", "statefile-access",
                "survival-rule");
        assertThat(f.then()).isEmpty();
        assertThat(f.peers()).extracting(PeerView::uuid).containsExactly(H0, H1);
        assertThat(f.peers()).allSatisfy(p -> assertThat(p.dropped().orElseThrow().summary())
                .startsWith("host 2 left the liveset: no heartbeat for 30.3 s"));
        assertThat(f.peers().get(0).dropped().get().time()).isEqualTo(Instant.parse("2026-12-07T09:20:25.200Z"));
    }

    @Test
    void aHungDaemonIsNamedByTheUserWatchdogThatFired() {
        Finding f = why("hung", HOST_2);

        assertThat(f.verdict()).isEqualTo(Verdict.WATCHDOG_FIRED);
        assertThat(f.time()).isEqualTo(Instant.parse("2026-12-07T09:20:30.000Z"));
        assertThat(f.record().orElseThrow().evidence()).containsEntry("daemon", "hung")
                .containsEntry("unpetted_ms", 30000);
        assertThat(f.before()).extracting(JournalEntry::kind).containsExactly("armed", "master-lock", "pool-state");
        assertThat(f.peers()).allSatisfy(p -> assertThat(p.dropped()).isPresent());
    }

    @Test
    void aDaemonKilledWhileArmedLeftNoRecordSoTheAnswerIsWhenItStoppedRecordingAndWhatItsPeersSaw() {
        Finding f = why("killed", HOST_2);

        assertThat(f.verdict()).isEqualTo(Verdict.STOPPED_WHILE_ARMED);
        assertThat(f.verdict().fenced()).isTrue();
        assertThat(f.record()).isEmpty();
        assertThat(f.time()).as("its last whole line").isEqualTo(Instant.parse("2026-12-07T09:20:00.000Z"));
        assertThat(f.before()).extracting(JournalEntry::kind).containsExactly("armed", "master-lock", "excluded");
        assertThat(f.peers()).allSatisfy(p -> assertThat(p.dropped().orElseThrow().evidence())
                .containsEntry("host", 2).containsEntry("no_heartbeat_ms", 40200));
    }

    @Test
    void aCleanStopIsNotAFenceThoughThePeersDroppedIt() {
        Finding f = why("clean-stop", HOST_2);

        assertThat(f.verdict()).isEqualTo(Verdict.ENDED_CLEANLY);
        assertThat(f.verdict().fenced()).isFalse();
        assertThat(f.record().orElseThrow().summary()).isEqualTo("daemon ended with MTC_EXIT_SUCCESS (0): stopped"
                + " cleanly");
        assertThat(f.before()).extracting(JournalEntry::kind).endsWith("disarmed");
        assertThat(f.peers()).allSatisfy(p -> assertThat(p.dropped()).isPresent());
    }

    @Test
    void aDaemonThatEndedWithFencingStillArmedWasResetByItsWatchdog() {
        Finding f = why("excluded-trap", HOST_2);

        assertThat(f.verdict()).isEqualTo(Verdict.ENDED_WHILE_ARMED);
        assertThat(f.verdict().fenced()).isTrue();
        assertThat(f.record().orElseThrow().evidence()).containsEntry("exit_status", 19).containsEntry("armed", true);
        assertThat(f.before()).extracting(JournalEntry::kind).endsWith("excluded");
        assertThat(f.peers()).allSatisfy(p -> assertThat(p.dropped()).isPresent());
    }

    @Test
    void aRecoveryLineAfterARunThatStoppedWhileArmedNeitherMovesNorHidesTheStop() throws Exception {
        List<JournalEntry> lines = new ArrayList<>(entries("killed"));
        lines.add(JournalReader.decode(Path.of("events.jsonl"), 99, new JournalLine(
                Instant.parse("2026-12-07T10:00:00Z"), 0, "xhad", H2, 2, 777, JournalEvent.of(EventKind.RECOVERY,
                        "cluster-stack recover: stale-pid: removed the pid file").with("diagnosis", "stale-pid"))
                .encode()));

        Finding f = FenceInquiry.inquire(lines, HOST_2, 3);

        assertThat(f.verdict()).isEqualTo(Verdict.STOPPED_WHILE_ARMED);
        assertThat(f.time()).isEqualTo(Instant.parse("2026-12-07T09:20:00.000Z"));
        assertThat(f.before()).extracting(JournalEntry::kind).containsExactly("armed", "master-lock", "excluded");
    }

    @Test
    void withWatchdogModeNoneNothingResetsTheHostSoAJournalThatStopsIsNoFence() throws Exception {
        Path file = Path.of("events.jsonl");
        List<JournalEntry> lines = new ArrayList<>();
        int n = 0;
        for (JournalEvent e : List.of(JournalEvent.of(EventKind.DAEMON_STARTED, "daemon started")
                .with("watchdog_mode", "NONE"), JournalEvent.of(EventKind.ARMED, "fencing armed"))) {
            n++;
            lines.add(JournalReader.decode(file, n, new JournalLine(Instant.parse("2026-12-07T09:00:00Z")
                    .plusSeconds(n), n, "xhad", H2, 2, 4300, e).encode()));
        }
        lines.add(JournalReader.decode(file, 1, new JournalLine(Instant.parse("2026-12-07T09:01:00Z"), 9, "xhad", H0,
                0, 4100, JournalEvent.of(EventKind.HOST_DROPPED, "host 2 left").with("host", 2)).encode()));

        Finding f = FenceInquiry.inquire(lines, HOST_2, 3);

        assertThat(f.verdict()).isEqualTo(Verdict.STOPPED_WHILE_DISARMED);
        assertThat(f.verdict().fenced()).isFalse();
    }

    @Test
    void aHostWhoseOwnJournalIsMissingIsAnsweredFromItsPeersByIndex() {
        Finding f = why("crashed", HostSelector.parse("2"));

        assertThat(f.verdict()).isEqualTo(Verdict.DROPPED_BY_PEERS);
        assertThat(f.index()).contains(2);
        assertThat(f.uuid()).isEmpty();
        assertThat(f.time()).as("the first peer's drop").isEqualTo(Instant.parse("2026-12-07T09:20:50.300Z"));
        assertThat(f.peers()).extracting(p -> p.dropped().orElseThrow().hostIndex()).containsExactly(0, 1);
    }

    @Test
    void aHostNamedOnlyByUuidWithNoJournalOfItsOwnCannotBeFoundInItsPeersRecords() {
        assertThatThrownBy(() -> why("crashed", HOST_2)).isInstanceOf(HaException.class)
                .hasMessageContaining("no journal line of host a7be0871-1a52-4ad2-b592-686e919ce993 was read");
        assertThat(why("crashed", new HostSelector(Optional.of(2), Optional.of(H2))).verdict())
                .isEqualTo(Verdict.DROPPED_BY_PEERS);
    }

    @Test
    void aSurvivorThatRunsOnIsNotFenced() {
        Finding f = why("self-fence", HostSelector.of(H0));

        assertThat(f.verdict()).isEqualTo(Verdict.RUNNING);
        assertThat(f.time()).isEqualTo(Instant.parse("2026-12-07T09:00:00.000Z"));
        assertThat(f.peers()).extracting(PeerView::uuid).containsExactly(H1, H2);
        assertThat(f.peers()).allSatisfy(p -> assertThat(p.dropped()).isEmpty());
    }

    @Test
    void afterARebootAJournalThatStopsWhileArmedWithNoDaemonRunningIsAHostThatWasReset() {
        Finding f = FenceInquiry.inquire(entries("self-fence"), HostSelector.of(H0), 3, false);

        assertThat(f.verdict()).isEqualTo(Verdict.STOPPED_WHILE_ARMED);
        assertThat(f.verdict().fenced()).isTrue();
    }

    @Test
    void aHostNooneKnowsIsAnError() {
        assertThatThrownBy(() -> why("crashed", HostSelector.parse("7"))).isInstanceOf(HaException.class)
                .hasMessage("no journal line of host 7 was read, and no peer recorded dropping it (pass its log"
                        + " directory with --log-base; see docs/events.md)");
    }
}
