package org.xcp.clusterstack.poolstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.PoolState;

class PoolPicturesTest {
    private static List<String> codes(PoolPicture p) {
        return p.warnings().stream().map(w -> w.code().code()).toList();
    }

    @Test
    void threeHealthyHostsSurviveTwoMoreFailuresWithNoWarning() {
        PoolPicture p = PoolFixture.of(3, 1).master(0).picture();
        assertThat(p.healthy()).as("warnings: %s", p.warnings()).isTrue();
        assertThat(p.survivesFailures()).isEqualTo(OptionalInt.of(2));
        assertThat(p.master()).isEqualTo(OptionalInt.of(0));
        assertThat(p.lockHolder()).isEqualTo(OptionalInt.of(0));
        assertThat(p.viewedFrom()).isEqualTo(OptionalInt.of(1));
        assertThat(p.hosts()).extracting(HostPicture::state).containsOnly(HostState.ONLINE);
        assertThat(p.local().armed()).contains(true);
        assertThat(p.hosts().get(0).armed()).as("another host's fencing is not known here").isEmpty();
        assertThat(p.hosts().get(2).heartbeatAgeShare()).contains(0.03); // 1 s of T1 = 30 s
        assertThat(p.hosts().get(2).statefileAgeShare()).contains(0.1);
        assertThat(p.hosts().get(2).sees()).isEqualTo(HostSet.firstN(3));
    }

    @Test
    void aTwoHostPoolNamesHostOneAsTheLoserOfASplitByTheSurvivalRule() {
        PoolPicture p = PoolFixture.of(2, 0).picture();
        PoolWarning w = p.warning(WarningCode.TWO_HOST_POOL).orElseThrow();
        assertThat(w.message()).contains("host 1 (" + PoolFixture.uuid(1).dashed() + ") fences itself")
                .contains("host 0 (" + PoolFixture.uuid(0).dashed() + ") keeps running");
        assertThat(w.fix()).contains("third host");
        assertThat(p.survivesFailures()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aHeavierHostZeroStillWinsButAHeavierHostOneWinsTheSplit() {
        PoolPicture p = PoolFixture.of(2, 0).section(1, s -> s.weight(2)).picture();
        assertThat(p.warning(WarningCode.TWO_HOST_POOL).orElseThrow().message())
                .contains("host 0 (" + PoolFixture.uuid(0).dashed() + ") fences itself");
    }

    @Test
    void timeoutsBelowTheStoragesIoTimeoutAreNamed() {
        PoolPicture p = PoolFixture.of(3, 0).storage(Duration.ofSeconds(60)).picture();
        assertThat(p.warning(WarningCode.TIMEOUT_BELOW_STORAGE).orElseThrow().message())
                .contains("HeartbeatTimeout 30 s and StateFileTimeout 30 s below the storage's I/O timeout, 60 s");
        assertThat(PoolFixture.of(3, 0).storage(Duration.ofSeconds(30)).picture().healthy()).isTrue();
    }

    @Test
    void aSecondFencerIsNamedWithItsEvidence() {
        PoolPicture p = PoolFixture.of(3, 0).fencer("sbd", "pid 77").picture();
        assertThat(p.warning(WarningCode.SECOND_FENCER).orElseThrow().message()).contains("sbd (pid 77)");
    }

    @Test
    void fencingDisarmedOnAnOnlineHost() {
        PoolPicture p = PoolFixture.of(3, 2).local(new LocalDaemonReading("Online", OptionalLong.of(1), "disarmed",
                Optional.empty())).picture();
        assertThat(codes(p)).containsExactly("fencing-disarmed");
        assertThat(p.local().armed()).contains(false);
    }

    @Test
    void startingPastTheJoinTimeoutButNotBefore() {
        LocalDaemonReading longAgo = new LocalDaemonReading("Starting", OptionalLong.of(1), "disarmed",
                Optional.of(PoolFixture.NOW.minusSeconds(91)));
        PoolPicture p = PoolFixture.of(3, 2).local(longAgo).picture();
        assertThat(p.local().state()).isEqualTo(HostState.STARTING);
        assertThat(codes(p)).contains("starting-too-long");
        LocalDaemonReading recently = new LocalDaemonReading("Starting", OptionalLong.of(1), "disarmed",
                Optional.of(PoolFixture.NOW.minusSeconds(89)));
        assertThat(codes(PoolFixture.of(3, 2).local(recently).picture())).doesNotContain("starting-too-long");
    }

    @Test
    void anExcludedFlagOnARunningHostButNotOnAStoppedOne() {
        PoolPicture running = PoolFixture.of(3, 0).section(2, s -> s.excluded(true)).picture();
        assertThat(codes(running)).containsExactly("excluded-but-running");
        PoolPicture left = PoolFixture.of(3, 0).stopped(2).section(2, s -> s.excluded(true)).picture();
        assertThat(left.hosts().get(2).state()).isEqualTo(HostState.EXCLUDED);
        assertThat(left.healthy()).as("warnings: %s", left.warnings()).isTrue();
        assertThat(left.survivesFailures()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aStoppedHostWithoutTheFlagIsNotLiveAndTheLastTwoSurviveOneFailure() {
        PoolPicture p = PoolFixture.of(3, 0).stopped(1).picture();
        assertThat(p.hosts().get(1).state()).isEqualTo(HostState.ABSENT);
        assertThat(codes(p)).containsExactly("host-not-live");
        assertThat(p.survivesFailures()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void aLoneSurvivorToleratesNoFailure() {
        PoolPicture p = PoolFixture.of(3, 0).stopped(1).stopped(2).picture();
        assertThat(codes(p)).containsExactly("host-not-live", "host-not-live", "no-failure-tolerated");
    }

    @Test
    void thisHostStoppedIsSeenFromTheFirstRunningHost() {
        PoolPicture p = PoolFixture.of(3, 0).stopped(0).section(0, s -> s.excluded(true)).picture();
        assertThat(p.viewedFrom()).isEqualTo(OptionalInt.of(1));
        assertThat(p.local().state()).isEqualTo(HostState.EXCLUDED);
        assertThat(p.local().running()).isFalse();
        assertThat(p.local().armed()).as("no daemon: neither armed nor disarmed").isEmpty();
        assertThat(p.healthy()).as("warnings: %s", p.warnings()).isTrue();
    }

    @Test
    void aPoolStateOtherThanActiveIsAWarning() {
        assertThat(codes(PoolFixture.of(3, 0).poolState(PoolState.INVALID).picture())).containsExactly("pool-not-active");
    }

    @Test
    void corosyncsQuorumAsCorosyncStatesIt() {
        QuorumRule rule = QuorumRule.parse("""
                Quorum information
                ------------------
                Nodes:            3
                Quorate:          Yes

                Votequorum information
                ----------------------
                Expected votes:   3
                Highest expected: 3
                Total votes:      3
                Quorum:           2
                Flags:            Quorate
                """);
        PoolPicture p = PoolFixture.of(3, 0).rule(rule).picture();
        assertThat(p.survivesFailures()).isEqualTo(OptionalInt.of(1));
        assertThat(p.survivalRule()).isEqualTo("corosync's quorum (a partition needs 2 votes)");
        PoolPicture unknown = PoolFixture.of(3, 0).rule(QuorumRule.unknown("cannot run corosync-quorumtool")).picture();
        assertThat(codes(unknown)).containsExactly("survival-unknown");
    }

    @Test
    void twoCorosyncNodesWithTwoNodeBothStayUpAfterASplit() {
        QuorumRule twoNode = QuorumRule.parse("Quorum:           1\nFlags:            2Node Quorate WaitForAll\n");
        assertThat(PoolFixture.of(2, 0).rule(twoNode).picture().warning(WarningCode.TWO_HOST_POOL).orElseThrow()
                .message()).contains("both stay running (split brain)");
    }
}
