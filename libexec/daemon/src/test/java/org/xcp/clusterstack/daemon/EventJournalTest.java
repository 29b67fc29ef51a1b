package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.daemon.log.ReopeningFile;

/**
 * The journal's writer: one line per event, on disk before {@code append} returns, numbered from 1, whole lines from
 * many threads, a new file soon after logrotate moved the old one with no line lost, a torn last line ended, and a
 * failure that is a warning and a count, never an exception.
 */
class EventJournalTest {
    private static final HaUuid HOST = HaUuid.parse("91419cea-2994-4e24-a74e-7ef331ca6358");
    private static final Instant NOW = Instant.parse("2026-12-07T04:53:21.125Z");
    private static final EventJournal.Stamp STAMP = new EventJournal.Stamp("xhad", HOST, 1, 777);

    @TempDir
    Path dir;

    private final RecordingLog log = new RecordingLog();

    private Path file() {
        return dir.resolve("xhad").resolve(HOST.dashed()).resolve("events.jsonl");
    }

    private EventJournal journal(EventJournal.Sync sync) {
        return new EventJournal(file(), STAMP, log, Clock.fixed(NOW, ZoneOffset.UTC), sync);
    }

    private static JournalEvent fence() {
        return JournalEvent.of(EventKind.SELF_FENCE, "lost the survival rule").with("liveset", List.of(0));
    }

    @Test
    void eachLineIsTheEncodedEventStampedAndSyncedBeforeAppendReturns() throws IOException {
        List<String> onDiskAtSync = new ArrayList<>();
        EventJournal journal = journal(f -> {
            f.sync();
            onDiskAtSync.add(Files.readString(file()));
        });

        assertThat(journal.append(JournalEvent.of(EventKind.DAEMON_STARTED, "started"))).isTrue();
        assertThat(journal.append(fence())).isTrue();

        String first = new JournalLine(NOW, 1, "xhad", HOST, 1, 777, JournalEvent.of(EventKind.DAEMON_STARTED,
                "started")).encode() + "\n";
        String second = new JournalLine(NOW, 2, "xhad", HOST, 1, 777, fence()).encode() + "\n";
        assertThat(onDiskAtSync).containsExactly(first, first + second);
        assertThat(Files.readString(file())).isEqualTo(first + second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-r-----");
        assertThat(journal.statusLines()).containsExactly("journal.file=" + file(), "journal.lines=2",
                "journal.failures=0");
    }

    @Test
    void theRunStartsAndEndsWithLinesOfItsOwnAndAnEndWhileArmedSaysTheWatchdogFires() throws IOException {
        EventJournal journal = journal(ReopeningFile::sync);

        journal.started(Path.of("/etc/xensource/xhad.conf"), WatchdogMode.HYPERVISOR);
        journal.ended(ExitCode.SET_EXCLUDED, "set_excluded: ending without disarming (spec §7.7)", true);

        List<String> lines = Files.readAllLines(file());
        assertThat(lines.get(0)).contains("\"kind\":\"daemon-started\",\"summary\":\"daemon started: stack"
                + " xhad, config /etc/xensource/xhad.conf, WatchdogMode HYPERVISOR, pid 777\",\"evidence\":{"
                + "\"stack\":\"xhad\",\"config\":\"/etc/xensource/xhad.conf\",\"watchdog_mode\":\"HYPERVISOR\","
                + "\"pid\":777}}");
        assertThat(lines.get(1)).contains("\"kind\":\"daemon-ended\",\"summary\":\"daemon ended with"
                + " MTC_EXIT_SET_EXCLUDED (19): set_excluded: ending without disarming (spec §7.7); fencing is"
                + " still armed, so the watchdog will reset this host\",\"evidence\":{\"exit_code\":"
                + "\"MTC_EXIT_SET_EXCLUDED\",\"exit_status\":19,\"why\":\"set_excluded: ending without"
                + " disarming (spec §7.7)\",\"armed\":true}}");
    }

    /**
     * logrotate renames the file and creates a new one: lines go on to the renamed file until the writer looks (at
     * most a second, {@link ReopeningFile#CHECK_EVERY}), then to the new one; none is lost or written twice.
     */
    @Test
    void afterLogrotateMovedTheFileLinesGoOnInANewFileWithinASecondAndNoneIsLost() throws Exception {
        EventJournal journal = journal(ReopeningFile::sync);
        journal.append(JournalEvent.of(EventKind.ARMED, "armed"));
        Path rotated = file().resolveSibling("events.jsonl.1");

        Files.move(file(), rotated);
        Files.createFile(file()); // logrotate's "create"
        int written = 1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Files.size(file()) == 0 && System.nanoTime() < deadline) {
            journal.append(fence());
            written++;
            Thread.sleep(50);
        }

        List<String> old = Files.readAllLines(rotated);
        List<String> now = Files.readAllLines(file());
        assertThat(now).as("the new file is written within a second").hasSize(1);
        assertThat(old.size() + now.size()).isEqualTo(written);
        assertThat(now.get(0)).contains("\"seq\":" + written + ",");
        assertThat(journal.failures()).isZero();
    }

    @Test
    void afterTheFileWasRemovedLinesGoToANewOneWithinASecond() throws Exception {
        EventJournal journal = journal(ReopeningFile::sync);
        journal.append(JournalEvent.of(EventKind.ARMED, "armed"));

        Files.delete(file());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(file()) && System.nanoTime() < deadline) {
            journal.append(fence());
            Thread.sleep(50);
        }

        assertThat(Files.readAllLines(file())).singleElement().asString().contains("\"kind\":\"self-fence\"");
    }

    @Test
    void aTornLineLeftByACrashIsEndedSoTheNextLineIsWhole() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"time\":\"2026-12-07T04:50:00.000Z\",\"seq\":9,\"sta");

        journal(ReopeningFile::sync).append(fence());

        List<String> lines = Files.readAllLines(file());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo(new JournalLine(NOW, 1, "xhad", HOST, 1, 777, fence()).encode());
    }

    @Test
    void aFailedSyncIsAWarningAndACountNeverAnException() {
        EventJournal journal = journal(f -> {
            throw new IOException("Input/output error");
        });

        assertThat(journal.append(fence())).isFalse();
        assertThat(journal.append(fence())).isFalse();

        assertThat(journal.failures()).isEqualTo(2);
        assertThat(journal.statusLines()).contains("journal.failures=2");
        assertThat(log.all()).contains("WARNING event journal " + file() + ": cannot write self-fence (lines lost"
                + " so far: 2): java.io.IOException: Input/output error");
    }

    @Test
    void aDirectoryThatCannotBeMadeIsAWarningToo() throws IOException {
        Files.writeString(dir.resolve("xhad"), "a file where the stack's directory belongs");

        assertThat(journal(ReopeningFile::sync).append(fence())).isFalse();
        assertThat(log.all()).contains("cannot write self-fence (lines lost so far: 1)");
    }

    @Test
    void linesFromManyThreadsAreWholeAndNumberedOnce() throws Exception {
        EventJournal journal = journal(ReopeningFile::sync);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    journal.append(fence());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        List<String> lines = Files.readAllLines(file());
        assertThat(lines).hasSize(200).allSatisfy(l -> assertThat(l).startsWith("{\"time\"").endsWith("}}"));
        Set<String> seqs = new HashSet<>();
        lines.forEach(l -> seqs.add(l.replaceAll(".*\"seq\":(\\d+),.*", "$1")));
        assertThat(seqs).hasSize(200).contains("1", "200");
    }
}
