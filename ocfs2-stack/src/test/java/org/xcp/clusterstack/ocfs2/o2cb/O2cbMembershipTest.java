package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.ocfs2.o2cb.TestContexts.HOSTS;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * End to end: a configfs tree and real heartbeat files in o2cb's formats, three nodes played by test code
 * (node 1 is this host), and the source reading them once per o2hb period.
 */
class O2cbMembershipTest {
    private static final String R1 = "77D95EF51C0149D2823674FCC162CF8B";
    private static final String R2 = "0B2E1E7A0B2E1E7A0B2E1E7A0B2E1E7A";
    private static final String R3 = "C0FFEE00C0FFEE00C0FFEE00C0FFEE00";
    private static final Set<Object> ALL = Set.of(HOSTS.get(0), HOSTS.get(1), HOSTS.get(2));

    @TempDir
    Path dir;

    @Test
    void theManagerFencesAndEachViewIsOneReadOfO2hbsTwoSecondPeriod() {
        try (O2cbMembership source = new O2cbPool(dir, HeartbeatMode.LOCAL, 31, R1).open()) {
            assertThat(source.fencing().holder()).isEqualTo(FencingAuthority.Holder.MANAGER);
            assertThat(source.fencing().name()).isEqualTo("o2cb");
            assertThat(source.fencing().windowAfterLoss()).isEqualTo(Duration.ofSeconds(2));
            assertThat(source.pollInterval()).isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void nodesWritingTheirSlotsAreMembersOnceEachWasSeenChangingOnTwoReadsAfterTheBaseline() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            MembershipView baseline = pool.period(source);
            assertThat(baseline.quorate()).isFalse();
            assertThat(baseline.reachable()).isTrue();
            assertThat(baseline.detail()).contains("local node 1 NOT live");
            assertThat(pool.period(source).quorate()).as("one change").isFalse();
            MembershipView v = pool.period(source);
            assertThat(v.quorate()).isTrue();
            assertThat(v.members()).isEqualTo(ALL);
            assertThat(v.detail()).startsWith("o2cb cluster xspool1 (local, dead_threshold 7): live nodes [0, 1, 2]"
                    + " in 1 region; local node 1 live, its writes completing");
        }
    }

    @Test
    void aNodeThatStopsWritingLeavesTheMembersAfterDeadThresholdReads() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            assertThat(pool.periods(source, 5).members()).isEqualTo(ALL);
            pool.node(2).stop();
            MembershipView v = pool.periods(source, 6);
            assertThat(v.members()).as("after 6 reads without a change").contains(HOSTS.get(2));
            v = pool.period(source);
            assertThat(v.members()).containsExactlyInAnyOrder(HOSTS.get(0), HOSTS.get(1));
            assertThat(v.quorate()).isTrue();
            assertThat(v.detail()).contains("node 2 dead (silent) in " + R1);
        }
    }

    @Test
    void aNodeThatStopsItsRegionCleanlyLeavesAtOnce() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 5);
            pool.node(0).leaveCleanly();
            MembershipView v = source.view();
            assertThat(v.members()).containsExactlyInAnyOrder(HOSTS.get(1), HOSTS.get(2));
            assertThat(v.detail()).contains("node 0 left cleanly");
        }
    }

    @Test
    void aNodeThatRestartsItsRegionIsDeadAtOnceThenLiveAgainOnItsNextBeat() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 5);
            pool.node(2).restart();
            MembershipView v = pool.period(source);
            assertThat(v.members()).doesNotContain(HOSTS.get(2));
            assertThat(v.detail()).contains("node 2 dead (new generation)");
            assertThat(pool.period(source).members()).isEqualTo(ALL);
        }
    }

    @Test
    void whenTheLocalNodesOwnWritesStopCompletingItIsNotQuorate() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 5);
            pool.node(1).stop();
            int stall = O2cbMembership.writeStallReads(7);
            assertThat(stall).isEqualTo(3);
            assertThat(pool.periods(source, stall).quorate()).isTrue();
            MembershipView v = pool.period(source);
            assertThat(v.quorate()).isFalse();
            assertThat(v.detail()).contains("local node 1 live, its writes NOT seen completing for more than 3 reads");
            v = pool.periods(source, 3);
            assertThat(v.detail()).contains("local node 1 NOT live");
            assertThat(v.members()).containsExactlyInAnyOrder(HOSTS.get(0), HOSTS.get(2));
        }
    }

    @Test
    void atTheDefaultThresholdTheLocalWritesCountAsStalledAfterHalfTheSelfFenceTime() {
        assertThat(O2cbMembership.POLL_INTERVAL.multipliedBy(O2cbMembership.writeStallReads(31)))
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void inGlobalModeANodeIsLiveWhenLiveInMoreThanHalfOfTheRegions() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.GLOBAL, 7, R1, R2, R3);
        try (O2cbMembership source = pool.open()) {
            assertThat(pool.periods(source, 4).members()).isEqualTo(ALL);
            pool.node(2).writesCompleteOnlyIn(pool.region(R1), pool.region(R2));
            MembershipView v = pool.periods(source, 10);
            assertThat(v.members()).as("live in 2 of 3").isEqualTo(ALL);
            assertThat(v.detail()).contains("node 2 dead (silent) in " + R3);
            pool.node(2).writesCompleteOnlyIn(pool.region(R1));
            v = pool.periods(source, 7);
            assertThat(v.members()).as("live in 1 of 3").containsExactlyInAnyOrder(HOSTS.get(0), HOSTS.get(1));
        }
    }

    @Test
    void inGlobalModeTheLocalNodeIsQuorateWhileItsWritesCompleteInMoreThanHalfOfTheRegions() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.GLOBAL, 7, R1, R2, R3);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 4);
            pool.node(1).writesCompleteOnlyIn(pool.region(R1), pool.region(R2));
            assertThat(pool.periods(source, 10).quorate()).as("2 of 3 regions").isTrue();
            pool.node(1).writesCompleteOnlyIn(pool.region(R1));
            assertThat(pool.periods(source, 4).quorate()).as("1 of 3 regions").isFalse();
        }
    }

    @Test
    void inLocalModeANodeIsLiveWhenLiveInAnyRegionButTheLocalWritesMustCompleteInEveryOne() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1, R2);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 4);
            pool.node(0).writesCompleteOnlyIn(pool.region(R2)); // host-a unmounted the first volume
            MembershipView v = pool.periods(source, 10);
            assertThat(v.members()).isEqualTo(ALL);
            assertThat(v.quorate()).isTrue();
            pool.node(1).writesCompleteOnlyIn(pool.region(R1));
            assertThat(pool.periods(source, 4).quorate()).as("the kernel fences on any region's timeout").isFalse();
        }
    }

    @Test
    void aTornBlockFromALiveNodeIsAMissedBeatNotADeath() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 4);
            pool.node(0).stop();
            byte[] torn = HeartbeatBlockCodec.encode(HeartbeatBlock.beat(5, 0, 1, 14_000).withChecksum(1), 512);
            pool.region(R1).writeRaw(0, torn);
            assertThat(pool.periods(source, 6).members()).isEqualTo(ALL);
            assertThat(pool.period(source).members()).doesNotContain(HOSTS.get(0));
        }
    }

    @Test
    void withoutAStartedRegionTheHostIsNotQuorateAndTheViewSaysWhy() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 31);
        pool.tree.unstartedRegion(R1);
        try (O2cbMembership source = pool.open()) {
            MembershipView v = source.view();
            assertThat(v.reachable()).isTrue();
            assertThat(v.quorate()).isFalse();
            assertThat(v.detail()).isEqualTo("o2cb cluster xspool1 (local, dead_threshold 31): no heartbeat region is"
                    + " started (no OCFS2 volume mounted, or the global heartbeat is not up)");
        }
    }

    @Test
    void aRegionWhoseDeviceCannotBeReadMakesTheViewNotQuorateNamingTheDevice() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1, R2);
        try (O2cbMembership source = pool.open()) {
            assertThat(pool.periods(source, 4).quorate()).isTrue();
            pool.tree.write("heartbeat/" + R2 + "/dev", "sdq");
            MembershipView v = pool.period(source);
            assertThat(v.quorate()).isFalse();
            assertThat(v.detail()).contains(dir.resolve("dev/sdq") + " (o2cb region " + R2 + "): does not exist");
            assertThat(pool.log).anyMatch(l -> l.contains("o2cb region " + R2 + " changed; new baseline"));
        }
    }

    @Test
    void whenConfigfsCannotBeReadTheManagerIsUnreachable() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        try (O2cbMembership source = pool.open()) {
            pool.periods(source, 4);
            pool.tree.write("node/host-c/num", "x");
            MembershipView v = pool.period(source);
            assertThat(v.reachable()).isFalse();
            assertThat(v.detail()).isEqualTo("o2cb: " + pool.tree.clusterDir().resolve("node/host-c/num")
                    + ": expected a number, got 'x'");
        }
    }

    @Test
    void nodeNumbersMapToHostsThroughTheO2cbNodeSettings() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        pool.settings.put("o2cb.node.1", HOSTS.get(1).dashed());
        pool.settings.put("o2cb.node.2", HOSTS.get(0).dashed());
        try (O2cbMembership source = pool.open()) {
            MembershipView v = pool.periods(source, 3);
            assertThat(v.members()).containsExactlyInAnyOrder(HOSTS.get(0), HOSTS.get(1));
            assertThat(v.detail()).contains("live nodes [0] map to no pool host");
        }
        assertThat(pool.log).anyMatch(l -> l.equals("WARNING o2cb: pool host " + HOSTS.get(2)
                + " has no o2cb node number, so it is never live"));
    }

    @Test
    void openingRefusesAHostThatIsNotO2cbsLocalNode() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        pool.tree.write("node/host-b/local", "0").write("node/host-c/local", "1");
        assertThatThrownBy(pool::open).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).isEqualTo("o2cb's local node is 2 (host-c), but this host " + HOSTS.get(1)
                    + " is node 1 by its xhad.conf host index: map them with o2cb.node.<number> settings");
        });
        pool.settings.put("o2cb.node.1", HOSTS.get(1).dashed());
        assertThatThrownBy(pool::open).isInstanceOfSatisfying(HaException.class,
                e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE));
    }

    @Test
    void openingWithoutAnO2cbClusterIsExit16() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1);
        pool.settings.put(O2cbSettings.CLUSTER, "other");
        assertThatThrownBy(pool::open).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).contains("o2cb cluster 'other' is not online");
        });
    }

    @Test
    void disarmingIsRefusedWithExit16WhileAHeartbeatRegionIsActive() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.GLOBAL, 7, R1, R2);
        try (O2cbMembership source = pool.open()) {
            assertThatThrownBy(source::disarmManagerFencing).isInstanceOfSatisfying(HaException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
                assertThat(e.exitCode().number()).isNotIn(14, 17);
                assertThat(e.getMessage()).isEqualTo("o2cb cannot be disarmed: heartbeat regions " + R2 + ", " + R1
                        + " are active and the kernel fences through them, so the OCFS2 volumes must be unmounted"
                        + " (and o2cb's global heartbeat stopped) first");
            });
            pool.tree.write("heartbeat/" + R2 + "/pid", "");
            assertThatThrownBy(source::disarmManagerFencing).hasMessageContaining("heartbeat region " + R1 + " is active");
        }
    }

    @Test
    void disarmingSucceedsOnceNoHeartbeatRegionIsActive() {
        O2cbPool pool = new O2cbPool(dir, HeartbeatMode.LOCAL, 7, R1, R2);
        try (O2cbMembership source = pool.open()) {
            pool.tree.write("heartbeat/" + R1 + "/pid", "").delete("heartbeat/" + R2);
            source.disarmManagerFencing();
            pool.tree.delete("heartbeat/" + R1);
            source.disarmManagerFencing();
            pool.tree.delete("");
            source.disarmManagerFencing(); // o2cb offline: no cluster at all
        }
        assertThat(pool.log).contains("o2cb: no heartbeat region is active; the kernel cannot fence this host");
    }
}
