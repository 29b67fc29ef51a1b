package org.xcp.clusterstack.daemon.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.OneLine;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * The daemon's log: one line per event, {@code INSTANT LEVEL [pid] message}, appended to a file that survives
 * the reboot a fence causes and that logrotate may rename at any time ({@link ReopeningFile}), and each also sent
 * to the system log ({@link Syslog}). Lines below the log's level are dropped. Writing never stalls the daemon
 * beyond one {@code write(2)}; a line the file refused (a full disk) is counted, and so is one the system log
 * did not take. {@link EngineLog#warn} is WARNING; a journal writer wraps this log as the engines' EngineLog.
 */
public final class DaemonLog implements EngineLog, Closeable {
    private final ReopeningFile file;
    private final LogLevel lowest;
    private final Optional<Syslog> syslog;
    private final String pid = "[" + ProcessHandle.current().pid() + "] ";
    private long linesLost;
    private String lastProblem = "";

    /** The daemon's log of stack {@code stack} in {@code file}, also sent to the system log at {@code /dev/log}. */
    public static DaemonLog open(Path file, String stack, LogLevel lowest) throws IOException {
        return new DaemonLog(ReopeningFile.open(file), lowest, Optional.of(new Syslog(Syslog.DEV_LOG, stack)));
    }

    /** A log in {@code file} only, from INFO up: for tests of what logs. */
    public DaemonLog(Path file) throws IOException {
        this(ReopeningFile.open(file), LogLevel.INFO, Optional.empty());
    }

    DaemonLog(ReopeningFile file, LogLevel lowest, Optional<Syslog> syslog) {
        this.file = file;
        this.lowest = lowest;
        this.syslog = syslog;
    }

    /** Writes {@code message} (folded onto one line) at {@code level}, unless the level is below the log's. */
    public void log(LogLevel level, String message) {
        if (!level.reaches(lowest)) {
            return;
        }
        Instant at = Instant.now();
        String line = OneLine.of(message);
        synchronized (this) {
            append(at, level, line);
            if (syslog.isPresent()) {
                syslog.get().send(level, at, line).ifPresent(c -> append(at, c.level(), "syslog: " + c.sentence()));
            }
        }
    }

    public void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    @Override
    public void info(String message) {
        log(LogLevel.INFO, message);
    }

    public void notice(String message) {
        log(LogLevel.NOTICE, message);
    }

    @Override
    public void warn(String message) {
        log(LogLevel.WARNING, message);
    }

    @Override
    public void error(String message) {
        log(LogLevel.ERROR, message);
    }

    public LogLevel level() {
        return lowest;
    }

    /** The {@code log.*} lines of the daemon's STATUS reply: where it writes, its level, what it could not. */
    public synchronized List<String> statusLines() {
        List<String> lines = new ArrayList<>(List.of("log.file=" + file.path(), "log.level=" + lowest,
                "log.lines_lost=" + linesLost));
        syslog.ifPresent(s -> lines.addAll(List.of("log.syslog=" + s.socket(), "log.syslog_state=" + s.state(),
                "log.syslog_dropped=" + s.dropped())));
        return lines;
    }

    @Override
    public synchronized void close() throws IOException {
        syslog.ifPresent(Syslog::close);
        file.close();
    }

    private void append(Instant at, LogLevel level, String line) {
        try {
            file.write((at + " " + level + " " + pid + line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            linesLost++;
            String problem = e.toString();
            if (!problem.equals(lastProblem)) { // once per kind of failure, to the JVM's own output
                lastProblem = problem;
                System.err.println("cluster-stack daemon: cannot write " + file.path() + ": " + problem);
            }
        }
    }
}
