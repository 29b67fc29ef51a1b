package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;

/**
 * Issue 17: the engine's thread never waits for the journal's disk, except for the self-fence, whose record (and
 * every record before it) is on disk before the fencer is told, within a bound.
 */
class JournalingLogTest {
    private static final EventJournal.Stamp STAMP = new EventJournal.Stamp("xhad",
            HaUuid.parse("00000010-0000-4000-8000-000000000001"), 0, 1);
    private static final JournalEvent DROPPED = JournalEvent.of(EventKind.HOST_DROPPED, "host 2 left").with("host", 2);
    private static final JournalEvent FENCE = JournalEvent.of(EventKind.SELF_FENCE, "this host lost the survival rule");

    @TempDir
    Path dir;

    @Test
    void aRecordReturnsAtOnceWhileItsSyncWaitsForTheDisk() throws Exception {
        CountDownLatch disk = new CountDownLatch(1);
        try (JournalingLog log = new JournalingLog(new RecordingLog(), journal(f -> await(disk)))) {
            log.record(DROPPED); // returns although the disk answers only below: it did not wait for it
            disk.countDown();
        }
        assertThat(lines()).hasSize(1).allMatch(l -> l.contains("\"kind\":\"host-dropped\""));
    }

    @Test
    void aSelfFenceIsOnDiskWithEveryRecordBeforeItWhenRecordReturns() throws Exception {
        try (JournalingLog log = new JournalingLog(new RecordingLog(), journal(org.xcp.clusterstack.daemon.log.ReopeningFile::sync))) {
            log.record(DROPPED);
            log.record(FENCE);
            assertThat(lines()).hasSize(2);
            assertThat(lines().get(1)).contains("\"kind\":\"self-fence\"");
        }
    }

    @Test
    void linesForPeopleAndRecordsKeepTheirOrderInTheLog() throws Exception {
        RecordingLog people = new RecordingLog();
        try (JournalingLog log = new JournalingLog(people, journal(org.xcp.clusterstack.daemon.log.ReopeningFile::sync))) {
            log.info("fault handler started");
            log.record(DROPPED);
            log.warn("SELF-FENCE: lost");
            log.record(FENCE);
            assertThat(people.lines).containsExactly("fault handler started", "host-dropped: host 2 left",
                    "WARNING SELF-FENCE: lost", "self-fence: this host lost the survival rule");
        }
    }

    @Test
    void aDiskThatNeverAnswersDelaysTheSelfFenceOnlyByTheBound() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        RecordingLog people = new RecordingLog();
        try (JournalingLog log = new JournalingLog(people, journal(f -> await(never)))) {
            long t0 = System.nanoTime();
            log.record(FENCE);
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertThat(waited).isGreaterThanOrEqualTo(JournalingLog.SELF_FENCE_SYNC_LIMIT_MS - 50)
                    .isLessThan(JournalingLog.SELF_FENCE_SYNC_LIMIT_MS + 2_000);
            assertThat(people.all()).contains("fencing without waiting longer");
            never.countDown();
        }
    }

    private EventJournal journal(EventJournal.Sync sync) {
        return new EventJournal(dir.resolve("events.jsonl"), STAMP, new RecordingLog(), Clock.systemUTC(), sync);
    }

    private List<String> lines() throws Exception {
        return Files.readAllLines(dir.resolve("events.jsonl"));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
