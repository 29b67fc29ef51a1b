package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WatchdogMode USER with real processes: the "daemon" whose group the watchdog kills is a {@code sleep} in
 * its own session (so the test JVM is never the target), and the halt is recorded instead of done.
 */
class UserWatchdogFencerTest {
    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();
    private final List<ProcessHandle> started = new ArrayList<>();
    private Process victim;

    @BeforeEach
    void startVictim() throws IOException, InterruptedException {
        victim = new ProcessBuilder("setsid", "sleep", "300").start();
        started.add(victim.toHandle());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (processGroup(victim.pid()) != victim.pid() && System.nanoTime() < deadline) {
            Thread.sleep(10); // until setsid has run: before that the victim is still in this JVM's group
        }
        assertThat(processGroup(victim.pid())).as("the victim leads its own process group").isEqualTo(victim.pid());
    }

    @AfterEach
    void endEveryProcess() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private UserWatchdogFencer fencer(Duration timeout) {
        UserWatchdogFencer fencer = new UserWatchdogFencer(new RunDir(dir), new LogDir(dir), timeout, log, victim.pid(),
                log::halt);
        return fencer;
    }

    private UserWatchdogFencer armed(UserWatchdogFencer fencer) {
        fencer.arm();
        started.add(fencer.watchdogProcess().orElseThrow());
        return fencer;
    }

    @Test
    void fenceNowKillsTheGroupAtOnceAndHalts() throws Exception {
        UserWatchdogFencer fencer = armed(fencer(Duration.ofSeconds(60)));

        fencer.fenceNow("lost the survival rule");

        assertThat(victim.waitFor(5, TimeUnit.SECONDS)).as("killed well before Wh = 60 s").isTrue();
        assertThat(log.halts).containsExactly(DevWatchdogFencer.FENCED_STATUS);
        assertThat(log.all()).contains("SELF-FENCE: lost the survival rule");
        assertThat(Files.readString(dir.resolve("daemon.log"))).contains("user-watchdog: the daemon self-fences");
    }

    @Test
    void aMissedPetKillsTheGroupAfterWh() throws Exception {
        armed(fencer(Duration.ofSeconds(1)));

        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(dir.resolve("daemon.log"))).contains("user-watchdog: no pet for 1s");
    }

    @Test
    void aDaemonGoneWithoutDisarmingIsFencedWhenTheTimeoutRunsOutNotBefore() throws Exception {
        UserWatchdogFencer fencer = armed(fencer(Duration.ofSeconds(2)));
        long closed = System.nanoTime();

        fencer.close(); // the pipe closes with fencing armed: a crash, or the exit-19 trap of spec §7.7

        assertThat(victim.waitFor(1, TimeUnit.SECONDS)).as("still alive within Wh").isFalse();
        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).as("killed once Wh ran out").isTrue();
        assertThat(System.nanoTime() - closed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
        assertThat(Files.readString(dir.resolve("daemon.log")))
                .contains("user-watchdog: the daemon went away without disarming");
    }

    @Test
    void disarmEndsTheWatchdogAndMakesFenceNowANoOp() throws Exception {
        UserWatchdogFencer fencer = armed(fencer(Duration.ofSeconds(2)));
        ProcessHandle watchdog = fencer.watchdogProcess().orElseThrow();

        fencer.disarm();
        fencer.fenceNow("lost");
        fencer.arm();

        watchdog.onExit().get(5, TimeUnit.SECONDS);
        assertThat(fencer.isArmed()).isFalse();
        assertThat(fencer.watchdogProcess()).isEmpty();
        assertThat(log.halts).isEmpty();
        assertThat(log.all()).contains("self-fence not done, fencing is disarmed: lost");
        assertThat(victim.isAlive()).isTrue();
    }

    @Test
    void fenceNowBeforeArmingIsANoOp() {
        fencer(Duration.ofSeconds(60)).fenceNow("lost");

        assertThat(log.halts).isEmpty();
        assertThat(victim.isAlive()).isTrue();
    }

    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(afterName[2]); // state, ppid, pgrp
    }
}
