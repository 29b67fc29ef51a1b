package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.corosync.membership.TestPool.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipView;

/** The source end to end, its tools replaying captured corosync output. */
class CorosyncMembershipTest {
    @TempDir
    Path tmp;
    private final List<String> log = new ArrayList<>();

    @Test
    void aQuorateCorosyncGivesAQuorateViewOfItsPoolHosts() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "three-majority");

        try (CorosyncMembership source = open(TestPool.of(3, 1), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            assertThat(source.view()).isEqualTo(new MembershipView(true, true, Set.of(node(1), node(2)),
                    "corosync ring 1.d: quorate, 2 of 3 pool hosts joined"));
            assertThat(source.pollInterval()).isEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void theDaemonHostsWatchdogFencesAndCorosyncIsNeverAskedToDisarm() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "one-node");

        try (CorosyncMembership source = open(TestPool.of(1, 1), Map.of("corosync.tools_dir", fake.dir().toString(),
                "corosync.command_timeout_ms", "750"))) {
            assertThat(source.fencing()).isEqualTo(new FencingAuthority("corosync+watchdog",
                    FencingAuthority.Holder.STACK_WATCHDOG, Duration.ofMillis(750)));
            assertThatThrownBy(source::disarmManagerFencing).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCorosyncThatDoesNotAnswerAtOpenIsNoErrorAndItsViewsAreUnreachable() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "not-running");

        try (CorosyncMembership source = open(TestPool.of(1, 1), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            assertThat(source.view()).isEqualTo(MembershipView.unreachable("corosync does not answer:"
                    + " corosync-quorumtool exited 1: Cannot initialize CMAP service"));
            assertThat(log).anyMatch(l -> l.startsWith("corosync does not answer yet (corosync-cmapctl exited 1:"
                    + " Failed to initialize the cmap API. Error CS_ERR_LIBRARY)"));

            fake.switchTo("one-node");
            assertThat(source.view().quorate()).isTrue();
        }
    }

    @Test
    void aConfigurationRefusedAtOpenIsExit16InOneSentence() {
        assertRefusedAtOpen("watchdog", 1, "corosync's own watchdog is configured (resources.watchdog_device:"
                + " /nonexistent/watchdog), a second fencer next to the stack's watchdog: set it to off");
        assertRefusedAtOpen("two-node-lone", 2, "corosync runs two nodes with two_node and neither auto_tie_breaker nor"
                + " a quorum device, so after a split both halves stay quorate: add auto_tie_breaker: 1 or a qdevice");
        assertRefusedAtOpen("no-provider", 1, "corosync runs without a quorum provider: the stack needs quorum {"
                + " provider: corosync_votequorum }");
    }

    @Test
    void aConfigurationRefusedOnlyFoundAfterOpenKeepsEveryViewNotQuorate() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "not-running");
        try (CorosyncMembership source = open(TestPool.of(1, 1), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            fake.switchTo("watchdog");

            MembershipView v = source.view();
            assertThat(v.reachable()).isTrue();
            assertThat(v.quorate()).isFalse();
            assertThat(v.detail()).startsWith("corosync's own watchdog is configured");
        }
    }

    @Test
    void twoNodesWithAnAutoTieBreakerOpen() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "two-node-atb");

        try (CorosyncMembership source = open(TestPool.of(2, 1), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            assertThat(source.view().members()).containsExactlyInAnyOrder(node(1), node(2));
        }
    }

    @Test
    void garbageIsNoVerdictSoTheViewIsUnreachable() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "one-node");
        try (CorosyncMembership source = open(TestPool.of(1, 1), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            fake.answer("quorumtool", "Quorate: perhaps\n", 0);

            assertThat(source.view()).isEqualTo(MembershipView.unreachable("corosync answered garbage:"
                    + " corosync-quorumtool printed no 'Quorum provider:' line"));

            fake.switchTo("one-node");
            fake.answer("cmapctl", "\u0000\u0001binary\n", 0);
            MembershipView v = source.view();
            assertThat(v.reachable()).isFalse();
            assertThat(v.detail()).startsWith("corosync answered garbage: line 1 of corosync-cmapctl's output is not"
                    + " 'key (type) = value'");
        }
    }

    @Test
    void notQuorateIsAVerdictEvenWhenTheMembersCannotBeRead() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "three-isolated");
        try (CorosyncMembership source = open(TestPool.of(3, 3), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            fake.answer("cmapctl", "", 1);

            assertThat(source.view()).isEqualTo(new MembershipView(true, false, Set.of(), "corosync ring 3.d: not"
                    + " quorate; corosync does not answer: corosync-cmapctl exited 1"));
        }
    }

    @Test
    void quorateIsNoVerdictWithoutTheMembers() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "three-majority");
        try (CorosyncMembership source = open(TestPool.of(3, 1), Map.of("corosync.tools_dir", fake.dir().toString()))) {
            fake.answer("cmapctl", "nodelist.node.0.name\n", 0);

            assertThat(source.view()).isEqualTo(MembershipView.unreachable("corosync answered garbage: line 1 of"
                    + " corosync-cmapctl's output is not 'key (type) = value': 'nodelist.node.0.name'"));
        }
    }

    @Test
    void aHungToolIsKilledAtItsTimeoutAndTheViewIsUnreachable() throws Exception {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "one-node");
        try (CorosyncMembership source = open(TestPool.of(1, 1), Map.of("corosync.tools_dir", fake.dir().toString(),
                "corosync.command_timeout_ms", "300"))) {
            fake.hang(true);

            long start = System.nanoTime();
            MembershipView v = source.view();
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(v).isEqualTo(MembershipView.unreachable("corosync does not answer: corosync-quorumtool did not"
                    + " answer within 300 ms and was killed"));
            assertThat(tookMs).isBetween(300L, 2_000L);
            assertThat(ProcessHandle.of(fake.lastPid("quorumtool")).map(ProcessHandle::isAlive)).isNotEqualTo(
                    Optional.of(true));

            fake.hang(false);
            assertThat(source.view().quorate()).isTrue();
        }
    }

    @Test
    void aClosedSourceReadsNothing() {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "one-node");
        CorosyncMembership source = open(TestPool.of(1, 1), Map.of("corosync.tools_dir", fake.dir().toString()));
        source.close();

        assertThat(source.view()).isEqualTo(MembershipView.unreachable("the corosync reader is closed"));
    }

    @Test
    void missingToolsAreExit16NamingWhereTheyWereLookedFor() throws Exception {
        Path empty = Files.createDirectory(tmp.resolve("empty"));

        assertThatThrownBy(() -> open(TestPool.of(1, 1), Map.of("corosync.tools_dir", empty.toString())))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_ENVIRONMENT))
                .hasMessage("no executable corosync-quorumtool in " + empty + " (corosync.tools_dir in"
                        + " /etc/xensource/cluster-stack/corosync.conf)");
    }

    @Test
    void toolsAreFoundOnThePathThenInTheUsualDirectories() throws Exception {
        FakeCorosync fake = FakeCorosync.replaying(tmp, "one-node");
        Path elsewhere = Files.createDirectory(tmp.resolve("nothing-here"));

        try (CorosyncTools onPath = CorosyncTools.locate(Optional.empty(), elsewhere + ":" + fake.dir(),
                List.of(elsewhere), Duration.ofSeconds(1), "corosync.tools_dir");
                CorosyncTools inFallback = CorosyncTools.locate(Optional.empty(), elsewhere.toString(),
                        List.of(elsewhere, fake.dir()), Duration.ofSeconds(1), "corosync.tools_dir")) {
            assertThat(onPath.quorumStatus().stdout()).contains("Quorate:          Yes");
            assertThat(inFallback.cmapKeys().stdout()).contains("runtime.members.1.status (str) = joined");
        }
        assertThatThrownBy(() -> CorosyncTools.locate(Optional.empty(), elsewhere.toString(), List.of(Path.of("/a"),
                Path.of("/b")), Duration.ofSeconds(1), "corosync.tools_dir"))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_ENVIRONMENT))
                .hasMessage("no executable corosync-quorumtool on PATH, in /a or in /b (install corosync 3, or set"
                        + " corosync.tools_dir)");
        assertThat(CorosyncTools.FALLBACK_DIRS).containsExactly(Path.of("/usr/sbin"), Path.of("/usr/bin"));
    }

    @Test
    void badSettingsAreExit7NamingTheKey() {
        assertBadSetting(Map.of("corosync.poll_ms", "10"), "corosync.poll_ms: must be between 50 and 10000 ms, got 10");
        assertBadSetting(Map.of("corosync.poll_ms", "fast"), "corosync.poll_ms: expected milliseconds, got 'fast'");
        assertBadSetting(Map.of("corosync.command_timeout_ms", "0"),
                "corosync.command_timeout_ms: must be between 100 and 60000 ms, got 0");
        assertBadSetting(Map.of("corosync.tools_dir", "usr/sbin"),
                "corosync.tools_dir: must be an absolute directory, got 'usr/sbin'");
    }

    @Test
    void theSettingsAreTheCorosyncKeys() {
        assertThat(CorosyncMembership.SETTINGS).containsExactlyInAnyOrder("corosync.tools_dir", "corosync.poll_ms",
                "corosync.command_timeout_ms");
    }

    private void assertRefusedAtOpen(String scenario, int hosts, String message) {
        FakeCorosync fake = FakeCorosync.replaying(tmp, scenario);
        assertThatThrownBy(() -> open(TestPool.of(hosts, 1), Map.of("corosync.tools_dir", fake.dir().toString())))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_ENVIRONMENT))
                .hasMessage(message);
    }

    private void assertBadSetting(Map<String, String> settings, String message) {
        assertThatThrownBy(() -> open(TestPool.of(1, 1), settings))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_CONFIG_FILE))
                .hasMessage("/etc/xensource/cluster-stack/corosync.conf: " + message);
    }

    private CorosyncMembership open(DaemonConfig pool, Map<String, String> settings) {
        return CorosyncMembership.open(TestPool.context(pool, settings, log));
    }
}
