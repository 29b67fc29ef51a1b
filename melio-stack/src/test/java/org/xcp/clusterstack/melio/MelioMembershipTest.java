package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.xcp.clusterstack.melio.MelioFixtures.A;
import static org.xcp.clusterstack.melio.MelioFixtures.B;
import static org.xcp.clusterstack.melio.MelioFixtures.C;
import static org.xcp.clusterstack.melio.MelioFixtures.STRANGER;
import static org.xcp.clusterstack.melio.MelioFixtures.quorate;
import static org.xcp.clusterstack.melio.MelioFixtures.status;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * The stack's side of M1–M11 (CONTRACT.md §4), against fake services. Items the daemon host keeps (the
 * liveset's hold-back, excluded, the master lock, start's wait and exit 15) are tested there.
 */
class MelioMembershipTest {
    @TempDir
    Path dir;
    FakeMelio melio;
    MelioFixtures.Log log;
    MelioFixtures.WatchdogNotForMelio watchdog;
    MelioMembership source;

    @BeforeEach
    void setUp() {
        melio = FakeMelio.in(dir);
        log = new MelioFixtures.Log();
        watchdog = new MelioFixtures.WatchdogNotForMelio();
    }

    @AfterEach
    void closeSource() {
        if (source != null) {
            source.close();
        }
    }

    private MelioMembership open(String... overrides) {
        source = (MelioMembership) new MelioStackProvider().open(
                MelioFixtures.context(MelioFixtures.settings(melio, overrides), log, watchdog));
        return source;
    }

    private MembershipView viewAfterAnswer(String answer) {
        melio.answers(answer);
        return open().view();
    }

    // M1: membership by host UUID, of the pool's hosts only

    @Test
    void m1_theViewListsThePoolHostsTheServiceNamesAsMembers() {
        MembershipView view = viewAfterAnswer(quorate(A, B));

        assertThat(view.reachable()).isTrue();
        assertThat(view.quorate()).isTrue();
        assertThat(view.members()).containsExactlyInAnyOrder(A, B);
        assertThat(view.detail()).isEqualTo("melio: quorate, 2 of 3 pool hosts");
    }

    @Test
    void m1_aMemberThatIsNotAPoolHostMakesTheViewNotQuorate() {
        MembershipView view = viewAfterAnswer(quorate(A, B, STRANGER));

        assertThat(view.quorate()).isFalse();
        assertThat(view.members()).isEmpty();
        assertThat(view.detail()).isEqualTo(melio.command() + " status answered garbage: member " + STRANGER
                + " on line 5 is not a host of this pool");
    }

    @Test
    void m1_aQuorateAnswerThatLeavesOutTheLocalHostIsNotTrusted() {
        MembershipView view = viewAfterAnswer(quorate(B, C));

        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).endsWith("quorate=yes but the local host " + A + " is not among the members");
    }

    @Test
    void m1_aHostListedTwiceIsNotTrusted() {
        MembershipView view = viewAfterAnswer(quorate(A, B, B));

        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).endsWith("member " + B + " listed twice (again on line 5)");
    }

    // M2: at most one partition is quorate; the tie-break is stated

    @Test
    void m2_aPartitionTheServiceSaysIsNotQuorateIsNotQuorate() {
        MembershipView view = viewAfterAnswer(status("no", List.of(A), 20_000, "yes"));

        assertThat(view.reachable()).isTrue();
        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).isEqualTo("melio: not quorate (1 of 3 pool hosts in this partition)");
    }

    @Test
    void m2_theTieBreakRuleIsLoggedOnceAndAgainWhenItChanges() {
        melio.answers(quorate(A, B, C));
        open().view();
        source.view();
        melio.answers(quorate(A, B, C).replace("lowest host UUID", "most votes"));
        source.view();

        assertThat(log.lines).filteredOn(l -> l.contains("tie-break")).containsExactly(
                "melio: the service's tie-break rule: the partition with the lowest host UUID wins an even split",
                "melio: the service's tie-break rule: the partition with the most votes wins an even split");
    }

    @Test
    void m2_anAnswerThatDoesNotStateItsTieBreakIsNotTrusted() {
        MembershipView view = viewAfterAnswer(quorate(A, B, C).replaceAll("tie_break=.*\n", ""));

        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).endsWith("answered garbage: missing tie_break");
    }

    // M3: losers are fenced within W_f; survivors must not see them dead earlier

    @Test
    void m3_melioFencesAndItsWindowIsTheConfiguredW_f() {
        melio.answers(quorate(A, B, C));

        assertThat(open().fencing()).isEqualTo(FencingAuthority.manager("melio", Duration.ofMillis(20_000)));
    }

    @Test
    void m3_aLongerWindowStatedByTheServiceAtStartWinsWithAWarning() {
        melio.answers(status("yes", List.of(A, B, C), 45_000, "yes"));

        assertThat(open().fencing().windowAfterLoss()).isEqualTo(Duration.ofMillis(45_000));
        assertThat(log.lines).contains("WARNING melio: the service states a fence window of 45000 ms, longer than"
                + " melio.fence_window_ms = 20000 ms in " + MelioFixtures.SETTINGS_FILE
                + "; using 45000 ms (raise the setting)");
        assertThat(source.view().quorate()).isTrue();
    }

    @Test
    void m3_aShorterWindowStatedByTheServiceKeepsTheConfiguredOne() {
        melio.answers(status("yes", List.of(A, B, C), 5_000, "yes"));

        assertThat(open().fencing().windowAfterLoss()).isEqualTo(Duration.ofMillis(20_000));
        assertThat(source.view().quorate()).isTrue();
    }

    @Test
    void m3_aWindowLongerThanTheStacksStatedAfterStartMakesTheViewNotQuorate() {
        open();
        melio.answers(status("yes", List.of(A, B, C), 45_000, "yes"));

        MembershipView view = source.view();

        assertThat(source.fencing().windowAfterLoss()).isEqualTo(Duration.ofMillis(20_000));
        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).isEqualTo(melio.command() + " status: the service's fence window 45000 ms exceeds"
                + " the 20000 ms this stack started with: peers could be reported dead before they are fenced"
                + " (raise melio.fence_window_ms and restart HA)");
    }

    // M4: Melio is the only fencer

    @Test
    void m4_melioIsTheOnlyFencer_theSourceNeverTouchesTheDaemonHostsWatchdog() {
        melio.answers(quorate(A, B, C));
        open();

        source.view();
        source.disarmManagerFencing();
        source.close();

        assertThat(source.fencing().holder()).isEqualTo(FencingAuthority.Holder.MANAGER);
        assertThat(watchdog.calls).isEmpty();
    }

    @Test
    void m4_aQuorateHostWhoseFencingIsNotArmedDoesNotCountAsAMember() {
        MembershipView view = viewAfterAnswer(status("yes", List.of(A, B, C), 20_000, "no"));

        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).isEqualTo(melio.command() + " status: quorate but fencing_armed=no: this host could"
                + " not be fenced if it lost quorum, so it does not count as a member");
    }

    // M7, M9: the master lock and the excluded flag are the daemon host's, in the statefile

    @Test
    void m7_m9_theServiceIsAskedOnlyForItsStatusAndToDisarm() {
        melio.answers(quorate(A, B, C));
        open().view();
        source.disarmManagerFencing();
        source.view();

        assertThat(melio.calls()).containsExactly("status", "status", "disarm-fencing", "status");
    }

    // M8: fencing can be disarmed, or the disarm fails explicitly

    @Test
    void m8_disarmSucceedsWhenTheServiceExitsZero_andFencingArmedNoIsThenExpected() {
        melio.answers(quorate(A, B, C));
        open();

        source.disarmManagerFencing();
        melio.answers(status("yes", List.of(A, B, C), 20_000, "no"));

        assertThat(source.view().quorate()).isTrue();
        assertThat(log.lines).contains("melio: fencing disarmed by the service");
    }

    @Test
    void m8_aRefusedDisarmIsExit16WithTheServicesFirstStderrLine() {
        melio.onDisarm("echo '2 Melio volumes are mounted on this host' >&2; echo 'see the log' >&2; exit 3");
        open();

        HaException e = catchThrowableOfType(HaException.class, () -> source.disarmManagerFencing());

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).isEqualTo("Melio cannot disarm fencing on this host: " + melio.command()
                + " disarm-fencing exited 3: 2 Melio volumes are mounted on this host");
    }

    @Test
    void m8_aDisarmThatHangsIsExit16AfterTheTimeout_neverSuccess() {
        melio.onDisarm("sleep 30");
        open(MelioSettings.COMMAND_TIMEOUT, "300");

        long start = System.nanoTime();
        HaException e = catchThrowableOfType(HaException.class, () -> source.disarmManagerFencing());

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).endsWith("disarm-fencing did not finish within 300 ms (killed)");
    }

    @Test
    void m8_afterARefusedDisarmFencingArmedNoIsNotTrustedAgain() {
        melio.onDisarm("exit 1");
        open();
        catchThrowableOfType(HaException.class, () -> source.disarmManagerFencing());
        melio.answers(status("yes", List.of(A, B, C), 20_000, "no"));

        assertThat(source.view().quorate()).isFalse();
    }

    // M10: start waits until this host is a quorate member; the source does not wait, its view says when

    @Test
    void m10_openDoesNotWaitForTheService_theViewSaysWhenThisHostHasJoined() {
        open();
        MembershipView down = source.view();
        melio.answers(status("no", List.of(A), 20_000, "yes"));
        MembershipView alone = source.view();
        melio.answers(quorate(A, B));
        MembershipView joined = source.view();

        assertThat(down.reachable()).isFalse();
        assertThat(down.detail()).startsWith(melio.command() + " status exited 1: cat: ");
        assertThat(alone.reachable()).isTrue();
        assertThat(alone.quorate()).isFalse();
        assertThat(joined.quorate()).isTrue();
        assertThat(joined.members()).containsExactlyInAnyOrder(A, B);
        assertThat(log.lines).anyMatch(l -> l.startsWith("melio: " + melio.command() + " status exited 1: ")
                && l.endsWith(" at start; fence window 20000 ms from melio.fence_window_ms"
                        + " (a longer one stated later makes the view not quorate)"));
    }

    // M11: timing is stated by the service and configured here

    @Test
    void m11_thePollIntervalAndTheFenceWindowAreSettings() {
        open(MelioSettings.POLL, "250", MelioSettings.FENCE_WINDOW, "31000");

        assertThat(source.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(source.fencing().windowAfterLoss()).isEqualTo(Duration.ofMillis(31_000));
    }

    @Test
    void m11_anAnswerThatDoesNotStateItsFenceWindowIsNotTrusted() {
        MembershipView view = viewAfterAnswer(quorate(A, B, C).replaceAll("fence_window_ms=.*\n", ""));

        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).endsWith("answered garbage: missing fence_window_ms");
    }

    // the seam itself

    @Test
    void aServiceThatExitsNonZeroIsUnreachable_withItsFirstStderrLine() {
        melio.onStatus("echo 'melio-clusterd is not running' >&2; echo 'more' >&2; exit 2");

        MembershipView view = open().view();

        assertThat(view).isEqualTo(MembershipView.unreachable(melio.command()
                + " status exited 2: melio-clusterd is not running"));
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeIsKilledWithItsChildren() throws Exception {
        open(MelioSettings.COMMAND_TIMEOUT, "300");
        melio.onStatus("echo $$ > \"$here/pid\"; sleep 30 & echo $! > \"$here/child\"; wait");

        long start = System.nanoTime();
        MembershipView view = source.view();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(view).isEqualTo(MembershipView.unreachable(melio.command()
                + " status did not finish within 300 ms (killed)"));
        Processes.assertEnds(melio.file("pid"), Duration.ofSeconds(5));
        Processes.assertEnds(melio.file("child"), Duration.ofSeconds(5));
    }

    @Test
    void aServiceThatDisappearsAfterStartIsUnreachable() throws Exception {
        open();
        Files.delete(melio.command());

        MembershipView view = source.view();

        assertThat(view.reachable()).isFalse();
        assertThat(view.detail()).startsWith(melio.command() + " status could not be run: ");
    }

    @Test
    void aServiceThatPrintsMoreThan64KiBIsNotTrusted() {
        melio.onStatus("cat \"$here/status\"; head -c 70000 /dev/zero | tr '\\0' x");
        melio.answers(quorate(A, B, C));

        MembershipView view = open().view();

        assertThat(view.reachable()).isTrue();
        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).endsWith("answered garbage: more than 65536 bytes of output");
    }

    @Test
    void theServiceRunsInRootWithStdinAtEndOfFileAndOnlyPathAndLcAll() throws Exception {
        melio.onStatus("cat > \"$here/stdin\"; pwd > \"$here/pwd\"; env > \"$here/env\"; cat \"$here/status\"");
        melio.answers(quorate(A, B, C));

        assertThat(open().view().quorate()).isTrue();
        assertThat(Files.readString(melio.file("stdin"))).isEmpty();
        assertThat(Files.readString(melio.file("pwd"))).isEqualTo("/\n");
        // bash adds PWD, SHLVL and _ itself
        assertThat(Files.readAllLines(melio.file("env")))
                .filteredOn(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("_="))
                .containsExactlyInAnyOrder("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C");
    }

    @Test
    void aClosedSourceAsksNothing() {
        melio.answers(quorate(A, B, C));
        open().close();

        assertThat(source.view()).isEqualTo(MembershipView.unreachable("melio: closed"));
        assertThat(melio.calls()).containsExactly("status");
    }

    @Test
    void aServiceThatPrintsBinaryGarbageIsNotQuorate_andTheViewDoesNotThrow() {
        melio.onStatus("head -c 4096 /dev/urandom");

        MembershipView view = open().view();

        assertThat(view.reachable()).isTrue();
        assertThat(view.quorate()).isFalse();
        assertThat(view.detail()).startsWith(melio.command() + " status answered garbage: ");
    }
}
