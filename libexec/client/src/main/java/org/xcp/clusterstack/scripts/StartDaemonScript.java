package org.xcp.clusterstack.scripts;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.StartReport;
import org.xcp.clusterstack.control.Verb;

/**
 * {@code ha_start_daemon [-C cfg] [fault ...]} (spec §1.5): 1 for an unknown fault point (names as
 * {@link org.xcp.clusterstack.common.fault.FaultPoints} takes them), 15 if a daemon already answers; otherwise start
 * the daemon host detached (its own session, stdin from /dev/null, the JVM's own output to
 * {@link LogDir#processOutput}, beside the daemon's log) and wait until the
 * local host is Online (0) or the daemon has ended (its own exit code, with the reason from the daemon's
 * {@link StartReport} on stderr; 2 for a status that is not one of xhad's codes, which xapi could not read). It
 * polls ten times a second where xhad's script polls once a second.
 */
final class StartDaemonScript {
    private static final long POLL_MS = 100;
    /**
     * A small, bounded JVM: the daemon keeps little state (64 hosts at most), and an unbounded heap would
     * grow to hundreds of MiB on a 24 GiB host. C1 alone and a small code cache suit a long-lived process
     * that does little work; no perf-data file in /tmp.
     */
    static final List<String> DAEMON_JVM = List.of("-XX:+UseSerialGC", "-Xshare:auto", "-Xms8m", "-Xmx48m",
            "-Xss512k", "-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m",
            "-XX:-UsePerfData");
    private static final int MAX_QUERY_ERRORS = 3;
    private static final Request STATE = Request.of(Verb.STATE);

    private StartDaemonScript() {
    }

    static int run(ScriptContext s) {
        FaultPoints.of(s.rest()); // an unknown fault point is exit 1 here, in one line, not in the daemon's log
        DaemonConfig config = s.readConfig(); // 6/7 at once, as the daemon would report them
        RunDir runDir = s.runDir(config);
        if (s.ask(config, STATE, DaemonScripts.QUICK).isPresent()) {
            throw new HaException(ExitCode.DAEMON_IS_PRESENT, "a daemon already runs for this host (" + runDir.dir()
                    + ")");
        }
        runDir.create();
        LogDir logDir = s.logDir(config);
        logDir.create();
        StartReport.clear(runDir); // a report read below is this start's
        Process daemon = spawn(s, logDir);
        int errors = 0;
        while (true) {
            if (!daemon.isAlive()) {
                if (daemon.exitValue() != 0) {
                    throw ended(runDir, logDir, daemon.exitValue());
                }
                return 0;
            }
            try {
                Optional<Reply> reply = s.ask(config, STATE, DaemonScripts.QUICK);
                errors = 0;
                if (reply.isPresent() && reply.get().succeeded() && reply.get().stdout().strip().equals("Online")) {
                    return 0;
                }
            } catch (HaException e) {
                if (++errors >= MAX_QUERY_ERRORS) {
                    throw e;
                }
            }
            DaemonScripts.sleep(POLL_MS);
        }
    }

    /**
     * The failure of a start whose daemon ended with {@code status}: that code and the daemon's own reason; a status
     * that is not one of xhad's codes (a signal, a crashed JVM) is 2, since xapi can read no other number.
     */
    static HaException ended(RunDir runDir, LogDir logDir, int status) {
        Optional<ExitCode> code = ExitCode.fromNumber(status).filter(c -> c != ExitCode.SUCCESS);
        return new HaException(code.orElse(ExitCode.SYSTEM_ERROR), whyItEnded(runDir, logDir, status));
    }

    /** The daemon's own one-line reason for its failed start, from its start report. */
    static String whyItEnded(RunDir runDir, LogDir logDir, int status) {
        Optional<StartReport> report;
        try {
            report = StartReport.read(runDir);
        } catch (HaException e) {
            return e.getMessage();
        }
        if (report.isPresent() && report.get().code().number() == status) {
            return report.get().reason();
        }
        return "the daemon ended with " + status + ExitCode.fromNumber(status).map(c -> " (" + c.xhadName() + ")")
                .orElse(status > 128 ? " (killed by signal " + (status - 128) + ")" : "")
                + " before this host was Online, and left no start report; see " + logDir.daemonLog()
                + " and " + logDir.processOutput();
    }

    /**
     * Every collection and its pause, in the log directory (the JVM keeps two files of 1 MiB): what shows whether
     * the heap ever stalled the liveness threads (a young collection of this heap takes about a millisecond).
     */
    static String gcLog(LogDir logDir) {
        return "-Xlog:gc:file=" + logDir.dir().resolve("gc.log") + ":time,uptime,level:filecount=2,filesize=1m";
    }

    private static Process spawn(ScriptContext s, LogDir logDir) {
        if (s.lib() == null) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the scripts' --lib directory is not set");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("setsid", java));
        command.addAll(DAEMON_JVM);
        command.add(gcLog(logDir));
        String classPath = s.lib().resolve("*") + (s.stackJars().isEmpty() ? "" : ":" + s.stackJars()); // door stack's
        command.addAll(List.of("-cp", classPath, "org.xcp.clusterstack.daemon.DaemonMain",
                "--stack", s.stack(), "--run-base", s.runBase().toString(), "--log-base", s.logBase().toString(), "-C",
                s.config().toAbsolutePath().toString()));
        command.addAll(s.rest());
        try {
            return new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logDir.processOutput().toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot start the daemon: " + e);
        }
    }
}
