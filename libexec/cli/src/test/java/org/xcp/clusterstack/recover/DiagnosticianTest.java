package org.xcp.clusterstack.recover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.events.JournalEntry;
import org.xcp.clusterstack.events.JournalReader;

/**
 * Every case recover recognises, each from a host laid out in a temporary directory as a real host has it (its
 * xhad.conf, the statefile, the run directory, the journal, real processes holding the lock), and the three fixes
 * recover applies itself: what they change, what they refuse to change, and the journal line they leave.
 */
class DiagnosticianTest {
    @TempDir
    Path dir;

    private static Diagnosis diagnosis(Finding f, DiagnosisCode code) {
        assertThat(f).as("finding").isInstanceOf(Diagnosis.class);
        Diagnosis d = (Diagnosis) f;
        assertThat(d.code()).isEqualTo(code);
        return d;
    }

    private static String evidence(Finding f) {
        return String.join("\n", f.evidence().stream().map(Evidence::line).toList());
    }

    @Test
    void aHostWithNoDaemonAValidStatefileAndACleanLastRunHasNothingToRecover() {
        Finding f = new HostLayout(dir).statefile(HostLayout.active()).journalRun(0).diagnose();
        assertThat(f).isInstanceOf(Finding.Healthy.class);
        assertThat(evidence(f)).contains("pool state ACTIVE").contains("ended with MTC_EXIT_SUCCESS (0)");
    }

    @Test
    void anotherStacksRunDirectoryForThisHostIsNamedWithTheOptionThatReadsIt() {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active());
        RunDir.of(dir.resolve("run"), "corosync", host.ids.get(0)).create();
        Finding f = host.diagnose();
        assertThat(evidence(f)).contains("the corosync stack has a run directory for this host too: 'recover --stack"
                + " corosync'");
    }

    @Test
    void aPidFileNamingNoProcessIsStalePidAndItsFixRemovesItAndRecordsWhatItDid() throws Exception {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active()).pidFile("999999999").journalRun(null);
        Files.writeString(host.runDir.livesetSnapshot(), "<ha_liveset_info/>");
        HostFacts facts = host.facts();
        Diagnosis d = diagnosis(Diagnostician.diagnose(facts), DiagnosisCode.STALE_PID);
        assertThat(d.fix().action()).contains(RecoveryAction.REMOVE_STALE_PID);
        assertThat(evidence(d)).contains("pid file: 999999999").contains("process 999999999 is not running")
                .contains("lock: no lock file").contains("has no end: killed, or the host was reset");

        String done = RecoveryActions.apply(RecoveryAction.REMOVE_STALE_PID, facts);
        assertThat(host.runDir.pidFile()).doesNotExist();
        assertThat(host.runDir.livesetSnapshot()).doesNotExist();
        assertThat(done).contains("removed " + host.runDir.pidFile());

        Path journal = RecoveryJournal.append(host.logDir, facts, RecoveryJournal.event(d, done));
        var entries = JournalReader.read(journal).entries();
        assertThat(entries).hasSize(2);
        JournalEntry last = entries.get(1);
        assertThat(last.is(EventKind.RECOVERY)).isTrue();
        assertThat(last.seq()).isZero();
        assertThat(last.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(last.host()).isEqualTo(host.ids.get(0));
        assertThat(last.evidence()).containsEntry("diagnosis", "stale-pid").containsEntry("done", done);
        assertThat(Diagnostician.diagnose(host.facts())).isInstanceOf(Finding.Healthy.class);
    }

    @Test
    void aPidFileNamingAnotherLiveProcessIsStalePidAndTheProcessIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            HostLayout host = new HostLayout(dir).statefile(HostLayout.active()).pidFile(Long.toString(other.pid()));
            Files.createFile(host.runDir.lockFile()); // a daemon ran here once, and holds it no more
            HostFacts facts = host.facts();
            Diagnosis d = diagnosis(Diagnostician.diagnose(facts), DiagnosisCode.STALE_PID);
            assertThat(evidence(d)).contains("process " + other.pid() + " runs 'sleep 60'").contains("lock: free");
            assertThat(d.fix().text()).contains("ha_stop_daemon would signal it");
            RecoveryActions.apply(RecoveryAction.REMOVE_STALE_PID, facts);
            assertThat(host.runDir.pidFile()).doesNotExist();
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void thePidFileFixRefusesWhenTheFileChangedSinceTheDiagnosis() throws Exception {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active()).pidFile("999999999");
        HostFacts facts = host.facts();
        host.pidFile(Long.toString(ProcessHandle.current().pid()));
        assertThatThrownBy(() -> RecoveryActions.apply(RecoveryAction.REMOVE_STALE_PID, facts))
                .isInstanceOf(HaException.class).hasMessageContaining("the pid file changed");
        assertThat(host.runDir.pidFile()).exists();
    }

    @Test
    void aLockHeldByAProcessThatIsNotADaemonIsStaleLockAndItsFixEndsThatProcess() throws Exception {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active());
        Process holder = LockHolder.start(host.runDir.lockFile());
        try {
            HostFacts facts = host.facts();
            Diagnosis d = diagnosis(Diagnostician.diagnose(facts), DiagnosisCode.STALE_LOCK);
            assertThat(facts.run().lock().holder()).map(HostFacts.ProcessFacts::pid).contains(holder.pid());
            assertThat(evidence(d)).contains("lock: held by process " + holder.pid() + " runs '");
            String done = RecoveryActions.apply(RecoveryAction.END_LOCK_HOLDER, facts);
            assertThat(holder.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(done).contains("ended process " + holder.pid()).contains("the lock is now free");
            assertThat(HostProbe.lock(host.runDir.lockFile()).state()).isEqualTo(HostFacts.LockState.FREE);
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aDaemonThatHoldsTheLockButDoesNotAnswerIsNeverTouched() throws Exception {
        HostLayout host = new HostLayout(dir).statefile(HostLayout.active());
        Process hung = LockHolder.start(host.runDir.lockFile(), HostFacts.ProcessFacts.DAEMON_MAIN);
        try {
            host.pidFile(Long.toString(hung.pid()));
            Finding f = host.diagnose();
            assertThat(f).isInstanceOf(Finding.Undiagnosed.class);
            Finding.Undiagnosed u = (Finding.Undiagnosed) f;
            assertThat(u.why()).contains("holds this host's lock but does not answer");
            assertThat(u.collect()).anyMatch(c -> c.startsWith("jstack " + hung.pid()));
            assertThat(hung.isAlive()).isTrue();
        } finally {
            hung.destroyForcibly();
        }
    }

    @Test
    void aMissingStatefileIsStatefileUnreadable() {
        Diagnosis d = diagnosis(new HostLayout(dir).diagnose(), DiagnosisCode.STATEFILE_UNREADABLE);
        assertThat(evidence(d)).contains(": statefile " + dir.resolve("statefile") + ": no such file (exit 8)");
        assertThat(d.fix().applicable()).isFalse();
    }

    @Test
    void aSectionThatFailsValidationIsStatefileCorrupted() {
        byte[] bytes = HostLayout.active().encode();
        bytes[4096 + 100] ^= 0x55; // inside host 0's section: its checksum no longer matches
        HostLayout host = new HostLayout(dir);
        HostLayout.write(host.statefile, bytes);
        Diagnosis d = diagnosis(host.diagnose(), DiagnosisCode.STATEFILE_CORRUPTED);
        assertThat(evidence(d)).contains("host 0's section: checksum fails validation");
        assertThat(d.fix().text()).contains("statefile dump").contains("disable HA and enable it again");
    }

    @Test
    void aZeroedStatefileIsCorruptedNeverInitialised() {
        HostLayout host = new HostLayout(dir);
        HostLayout.write(host.statefile, new byte[266_240]);
        Diagnosis d = diagnosis(host.diagnose(), DiagnosisCode.STATEFILE_CORRUPTED);
        assertThat(evidence(d)).contains("global section: signature").contains("never initialised");
    }

    @Test
    void aStatefileOfAnotherEnableIsGenerationMismatch() {
        StatefileImage other = HostLayout.active();
        HaUuid foreign = HaUuid.parse("00000000-2b3c-4d5e-8f90-0a1b2c3d4e5f");
        other = other.withGlobal(StatefileImage.initial(foreign, 3).global().withPoolState(PoolState.ACTIVE));
        Diagnosis d = diagnosis(new HostLayout(dir).statefile(other).diagnose(), DiagnosisCode.GENERATION_MISMATCH);
        assertThat(evidence(d)).contains("GenerationUUID " + foreign.dashed())
                .contains("GenerationUUID " + HostLayout.GENERATION.dashed());
        assertThat(d.fix().text()).contains("never run 'statefile init' by hand");
    }

    @Test
    void aDisabledPoolIsPoolInvalidAndOnlyXapiMayEnableIt() {
        StatefileImage image = HostLayout.active();
        image = image.withGlobal(image.global().withPoolState(PoolState.INVALID));
        Diagnosis d = diagnosis(new HostLayout(dir).statefile(image).journalRun(11).diagnose(),
                DiagnosisCode.POOL_INVALID);
        assertThat(d.fix().applicable()).isFalse();
        assertThat(d.fix().text()).contains("only xapi may enable it again");
    }

    @Test
    void initWithAStartRefusedWith11IsPoolInvalidButInitAloneIsAnEnableUnderWay() {
        StatefileImage init = HostLayout.active();
        init = init.withGlobal(init.global().withPoolState(PoolState.INIT));
        Diagnosis d = diagnosis(new HostLayout(dir).statefile(init).startReport("11 INIT with an existing liveset")
                .diagnose(), DiagnosisCode.POOL_INVALID);
        assertThat(evidence(d)).contains("start-report: 11 INIT with an existing liveset");
        assertThat(d.fix().text()).contains("INIT while a liveset exists");
    }

    @Test
    void anExcludedHostNobodyElseWritesForIsExcludedAndItsFixClearsTheFlag() {
        StatefileImage image = HostLayout.active().withHost(0, HostLayout.section(0, 7, true));
        HostLayout host = new HostLayout(dir).statefile(image).startReport("18 this host is excluded");
        HostFacts facts = host.facts(Duration.ofMillis(300));
        Diagnosis d = diagnosis(Diagnostician.diagnose(facts), DiagnosisCode.EXCLUDED);
        assertThat(d.fix().action()).contains(RecoveryAction.CLEAR_EXCLUDED);
        assertThat(evidence(d)).contains("excluded true").contains("no other host's section changed in 0.3 s")
                .contains("hosts not excluded: [1, 2]");
        String done = RecoveryActions.apply(RecoveryAction.CLEAR_EXCLUDED, facts);
        assertThat(done).contains("cleared the excluded flag in host 0's section");
        StatefileImage after = HostProbe.read(host.statefile);
        assertThat(after.host(0).excluded()).isZero();
        assertThat(after.host(0).faults()).isEmpty();
        assertThat(after.host(1)).isEqualTo(image.host(1));
    }

    @Test
    void theExcludedFixRefusesWhenAnotherHostWroteTheStatefileSinceTheDiagnosis() {
        StatefileImage image = HostLayout.active().withHost(0, HostLayout.section(0, 7, true));
        HostLayout host = new HostLayout(dir).statefile(image);
        HostFacts facts = host.facts(Duration.ofMillis(200));
        host.statefile(image.withHost(2, HostLayout.section(2, 8, false)));
        assertThatThrownBy(() -> RecoveryActions.apply(RecoveryAction.CLEAR_EXCLUDED, facts))
                .hasMessageContaining("hosts [2] wrote the statefile since the diagnosis");
        assertThat(HostProbe.read(host.statefile).host(0).excluded()).isEqualTo(1);
    }

    @Test
    void anExcludedHostWhoseStartSawNoLivesetWhileOthersWriteIsANetworkProblemNotAFlagToClear() throws Exception {
        StatefileImage image = HostLayout.active().withHost(0, HostLayout.section(0, 7, true));
        HostLayout host = new HostLayout(dir).statefile(image).startReport("18 this host is excluded");
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(300);
                host.statefile(image.withHost(1, HostLayout.section(1, 8, false)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        HostFacts facts = host.facts(Duration.ofSeconds(3));
        writer.join();
        assertThat(facts.statefile().livePeers()).containsExactly(1);
        Diagnosis d = diagnosis(Diagnostician.diagnose(facts), DiagnosisCode.EXCLUDED);
        assertThat(d.fix().applicable()).isFalse();
        assertThat(d.fix().text()).contains("check the heartbeat network").contains("do not clear the flag");
    }

    @Test
    void anExcludedHostWithLivePeersAndNoRefusedStartIsALongShutdownNotAFault() throws Exception {
        StatefileImage image = HostLayout.active().withHost(0, HostLayout.section(0, 7, true));
        HostLayout host = new HostLayout(dir).statefile(image);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(200);
                host.statefile(image.withHost(2, HostLayout.section(2, 9, false)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        Finding f = Diagnostician.diagnose(host.facts(Duration.ofSeconds(3)));
        writer.join();
        assertThat(f).isInstanceOf(Finding.Healthy.class);
        assertThat(((Finding.Healthy) f).summary()).contains("joins their liveset and clears the flag");
    }

    @Test
    void aStartRefusedWith13IsCannotJoinWithTheReasonAsEvidence() {
        Diagnosis d = diagnosis(new HostLayout(dir).statefile(HostLayout.active())
                .startReport("13 host 1 never proposed this host").diagnose(), DiagnosisCode.CANNOT_JOIN);
        assertThat(evidence(d)).contains("the daemon's last run ended with MTC_EXIT_CAN_NOT_JOIN_EXISTING_LIVESET (13)")
                .contains("host 1 never proposed this host");
        assertThat(d.fix().text()).contains("UDP port").contains("recover changes nothing");
    }

    @Test
    void aStartRefusedWith15WhoseLockAndPidFileAreGoneNowHasNothingToRecover() {
        Finding f = new HostLayout(dir).statefile(HostLayout.active())
                .startReport("15 a daemon already runs for this host").diagnose();
        assertThat(f).isInstanceOf(Finding.Healthy.class);
        assertThat(((Finding.Healthy) f).summary()).contains("no process holds the lock now")
                .contains("ha_start_daemon again");
        assertThat(evidence(f)).contains("MTC_EXIT_DAEMON_IS_PRESENT (15)");
    }

    @Test
    void aRunEndedWithACodeRecoverHasNoFixForIsUndiagnosedAndSaysWhatToCollect() {
        Finding f = new HostLayout(dir).statefile(HostLayout.active()).journalRun(12).diagnose();
        assertThat(f).isInstanceOf(Finding.Undiagnosed.class);
        Finding.Undiagnosed u = (Finding.Undiagnosed) f;
        assertThat(u.why()).contains("MTC_EXIT_BOOTJOIN_TIMEOUT (12)");
        assertThat(u.collect()).anyMatch(c -> c.contains("daemon.log")).anyMatch(c -> c.contains("statefile dump"));
    }

    @Test
    void procLocksNamesThePosixHolderOfAnInodeAndIgnoresWaitersAndOtherFiles() {
        var lines = List.of("1: POSIX  ADVISORY  WRITE 4321 fd:01:777 0 EOF",
                "1: -> POSIX  ADVISORY  WRITE 5555 fd:01:999 0 EOF", "2: FLOCK  ADVISORY  WRITE 6666 fd:01:999 0 EOF",
                "3: POSIX  ADVISORY  WRITE 1234 fd:01:999 0 EOF");
        assertThat(ProcLocks.holder(lines, 999)).contains(1234L);
        assertThat(ProcLocks.holder(lines, 778)).isEqualTo(Optional.empty());
    }
}
