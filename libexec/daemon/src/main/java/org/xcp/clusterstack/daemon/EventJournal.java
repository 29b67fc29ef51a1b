package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.daemon.log.ReopeningFile;

/**
 * This host's event journal ({@code <log base>/<stack>/<host>/events.jsonl}): each {@link #append} writes one
 * {@link JournalLine} and forces it to disk before it returns, so that a self-fence is on disk before the fencer is
 * told. Thread-safe; lines are numbered from 1 in each run of the daemon. The file is a {@link ReopeningFile}: after
 * logrotate renamed it, a line goes on to the renamed file for at most a second, then to a new file of the old name
 * (the readers read both); whenever a new file is opened its directory is synced too, so that its name survives a
 * reset. A line that cannot be written is a warning in the daemon's log and a count in {@code status}
 * ({@link #statusLines}), never an exception into the engine: losing a record must not stop a host from fencing.
 */
final class EventJournal {
    /** What every line of this run says about who wrote it. */
    record Stamp(String stack, HaUuid host, int hostIndex, long pid) {
        Stamp {
            Objects.requireNonNull(stack);
            Objects.requireNonNull(host);
        }
    }

    /** How a written line reaches the disk: {@link ReopeningFile#sync}; tests watch it happen. */
    @FunctionalInterface
    interface Sync {
        void force(ReopeningFile file) throws IOException;
    }

    private final Path file;
    private final Stamp stamp;
    private final EngineLog log;
    private final Clock clock;
    private final Sync sync;
    private ReopeningFile out;
    /** The {@link ReopeningFile#reopened} count whose file's directory was synced; -1: none yet. */
    private long directorySynced = -1;
    /** The file ends in a torn line (a crash, a failed write): the next line starts on a line of its own. */
    private boolean torn;
    private long seq;
    private long failures;

    EventJournal(Path file, Stamp stamp, EngineLog log) {
        this(file, stamp, log, Clock.systemUTC(), ReopeningFile::sync);
    }

    EventJournal(Path file, Stamp stamp, EngineLog log, Clock clock, Sync sync) {
        this.file = file;
        this.stamp = stamp;
        this.log = log;
        this.clock = clock;
        this.sync = sync;
    }

    Path file() {
        return file;
    }

    Stamp stamp() {
        return stamp;
    }

    /** Writes and syncs one line; false (warned and counted) when it could not. */
    synchronized boolean append(JournalEvent event) {
        JournalLine line = new JournalLine(clock.instant(), ++seq, stamp.stack(), stamp.host(), stamp.hostIndex(),
                stamp.pid(), event);
        try {
            ReopeningFile f = open();
            byte[] bytes = ((torn ? "\n" : "") + line.encode() + "\n").getBytes(StandardCharsets.UTF_8);
            torn = true; // until the whole line is written
            f.write(bytes);
            torn = false;
            sync.force(f);
            if (f.reopened() != directorySynced) {
                syncDirectory();
                directorySynced = f.reopened();
            }
            return true;
        } catch (IOException | RuntimeException e) {
            failures++;
            close(); // opened again for the next line
            log.warn("event journal " + file + ": cannot write " + event.kind().wire() + " (lines lost so far: "
                    + failures + "): " + e);
            return false;
        }
    }

    /** The run's first line: the stack, the config, the fencer it asked for, the process. */
    void started(Path config, WatchdogMode mode) {
        append(JournalEvent.of(EventKind.DAEMON_STARTED, "daemon started: stack " + stamp.stack() + ", config "
                + config + ", WatchdogMode " + mode + ", pid " + stamp.pid()).with("stack", stamp.stack())
                .with("config", config.toString()).with("watchdog_mode", mode.name()).with("pid", stamp.pid()));
    }

    /** The run's last line when it could not start: never armed. */
    void ended(ExitCode code, String why) {
        ended(code, why, false);
    }

    /**
     * The run's last line: the exit code, why, and whether fencing was still armed (xhad's exit-19 trap, an engine
     * ending on an error without disarming): then its watchdog resets the host.
     */
    void ended(ExitCode code, String why, boolean armed) {
        append(JournalEvent.of(EventKind.DAEMON_ENDED, "daemon ended with " + code.xhadName() + " (" + code.number()
                + "): " + why + (armed ? "; fencing is still armed, so the watchdog will reset this host" : ""))
                .with("exit_code", code.xhadName()).with("exit_status", code.number()).with("why", why)
                .with("armed", armed));
    }

    /** The {@code journal.*} lines of the daemon's STATUS reply: where it is, lines written and lines lost. */
    synchronized List<String> statusLines() {
        return List.of("journal.file=" + file, "journal.lines=" + seq, "journal.failures=" + failures);
    }

    synchronized long failures() {
        return failures;
    }

    synchronized void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // nothing was pending: every line was forced
            }
            out = null;
            directorySynced = -1;
        }
    }

    private ReopeningFile open() throws IOException {
        if (out == null) {
            Files.createDirectories(file.getParent());
            torn = endsTorn();
            out = ReopeningFile.open(file);
        }
        return out;
    }

    /** A daemon killed in the middle of a line left it without its newline. */
    private boolean endsTorn() throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel read = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = read.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            read.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system lets a directory be synced; the line itself is
        }
    }
}
