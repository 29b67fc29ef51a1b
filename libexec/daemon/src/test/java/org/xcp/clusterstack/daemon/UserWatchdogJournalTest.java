package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;

/**
 * The user watchdog outlives the daemon it watches, so it writes its own {@code watchdog-fired} line to the journal,
 * in {@link JournalLine}'s format, before it kills: how long it went without a pet, and whether the daemon still
 * existed (hung) or not (died). The "daemon" is a {@code sleep} in a session of its own, as in
 * {@link UserWatchdogFencerTest}.
 */
class UserWatchdogJournalTest {
    private static final HaUuid HOST = HaUuid.parse("91419cea-2994-4e24-a74e-7ef331ca6358");
    /** The parts of the watchdog's line that change from run to run. */
    private static final Pattern VARYING = Pattern.compile("\\{\"time\":\"([^\"]+)\",.*,\"pid\":([0-9]+),.*"
            + "\"unpetted_ms\":([0-9]+),.*");

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
    }

    @AfterEach
    void endEveryProcess() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    private Path journalFile() {
        return dir.resolve("events.jsonl");
    }

    private UserWatchdogFencer armed(Duration timeout) {
        EventJournal journal = new EventJournal(journalFile(), new EventJournal.Stamp("xhad", HOST, 1, victim.pid()),
                log);
        UserWatchdogFencer fencer = new UserWatchdogFencer(new RunDir(dir), new LogDir(dir), timeout, log,
                victim.pid(), log::halt, Optional.of(journal));
        fencer.arm();
        started.add(fencer.watchdogProcess().orElseThrow());
        return fencer;
    }

    /** The line is exactly what {@link JournalLine} would write with the same time, pid and age. */
    private void assertWatchdogFired(String line, String cause, String daemon, Duration timeout) {
        Matcher m = VARYING.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        long unpetted = Long.parseLong(m.group(3));
        String summary = "user watchdog: no pet for " + unpetted / 1000 + " s" + switch (daemon) {
            case "hung" -> " while the daemon (pid " + victim.pid() + ") still runs: it hung";
            default -> " and the daemon (pid " + victim.pid() + ") is gone without disarming: it died";
        } + "; killing its process group";
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("cause", cause);
        evidence.put("daemon", daemon);
        evidence.put("daemon_pid", victim.pid());
        evidence.put("unpetted_ms", unpetted);
        evidence.put("timeout_ms", timeout.toMillis());
        String expected = new JournalLine(Instant.parse(m.group(1)), 0, "xhad", HOST, 1, Long.parseLong(m.group(2)),
                new JournalEvent(EventKind.WATCHDOG_FIRED, summary, evidence)).encode();
        assertThat(line).isEqualTo(expected);
        assertThat(unpetted).isGreaterThanOrEqualTo(timeout.toMillis() - 10);
    }

    @Test
    void aHungDaemonsWatchdogRecordsThatItHungBeforeItKills() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        armed(timeout);

        assertThat(victim.waitFor(10, TimeUnit.SECONDS)).isTrue();

        List<String> lines = Files.readAllLines(journalFile());
        assertThat(lines).as("written before the kill").hasSize(1);
        assertWatchdogFired(lines.get(0), "timeout", "hung", timeout);
    }

    @Test
    void aDaemonKilledMidLineIsRecordedAsDiedOnALineOfItsOwn() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        UserWatchdogFencer fencer = armed(timeout);
        Files.writeString(journalFile(), "{\"time\":\"2026-12-07T09:20:00.000Z\",\"seq\":9,\"sta");
        ProcessHandle watchdog = fencer.watchdogProcess().orElseThrow();

        victim.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        fencer.close(); // the daemon's end of the pipe closes with it
        watchdog.onExit().get(10, TimeUnit.SECONDS);

        List<String> lines = Files.readAllLines(journalFile());
        assertThat(lines).hasSize(2);
        assertWatchdogFired(lines.get(1), "pipe-closed", "died", timeout);
    }

    @Test
    void aSelfFenceIsRecordedByTheWatchdogToo() throws Exception {
        UserWatchdogFencer fencer = armed(Duration.ofSeconds(60));

        fencer.fenceNow("lost the survival rule");

        assertThat(victim.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(journalFile())).contains("\"kind\":\"watchdog-fired\"",
                "\"summary\":\"user watchdog: the daemon (pid " + victim.pid() + ") self-fences; killing its process"
                        + " group\"", "\"cause\":\"fence\",\"daemon\":\"self-fencing\"");
    }

    private static long processGroup(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] afterName = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(afterName[2]); // state, ppid, pgrp
    }
}
