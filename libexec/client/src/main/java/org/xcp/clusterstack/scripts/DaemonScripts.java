package org.xcp.clusterstack.scripts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.FailureLine;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;

/**
 * The scripts that only talk to the running daemon (spec §1.6–§1.9): without one, stop is 0 and the others
 * are 14. Their config is read only to find this host's daemon; without a usable config there is none.
 */
final class DaemonScripts {
    /** Quick questions get an answer or a transient error, never a hang that would block xapi's HA calls. */
    static final Optional<Duration> QUICK = Optional.of(Duration.ofSeconds(10));
    private static final Duration STOP_WAIT = Duration.ofSeconds(120);

    private DaemonScripts() {
    }

    static int queryLiveset(ScriptContext s) {
        return relay(s, Verb.QUERY_LIVESET, QUICK);
    }

    /** No time limit: the lock may wait on the other hosts (spec §7.6). */
    static int proposeMaster(ScriptContext s) {
        return relay(s, Verb.PROPOSE_MASTER, Optional.empty());
    }

    static int disarm(ScriptContext s) {
        return relay(s, Verb.DISARM_FENCING, QUICK);
    }

    /** Asks the daemon to stop cleanly and waits until its process is gone; no daemon is success. */
    static int stop(ScriptContext s) {
        Optional<RunDir> runDir;
        try {
            runDir = Optional.of(daemonRunDir(s));
        } catch (HaException e) {
            return 0; // no daemon can run from an unusable config
        }
        Optional<ProcessHandle> daemon = DaemonProcess.of(runDir.get());
        Optional<Reply> reply;
        try {
            reply = new ControlClient(runDir.get()).request(Request.of(Verb.STOP_DAEMON), QUICK);
        } catch (HaException e) {
            reply = Optional.empty(); // hung: fall back to SIGTERM below
        }
        if (daemon.isEmpty()) {
            return 0;
        }
        if (reply.isEmpty() || !reply.get().succeeded()) {
            daemon.get().destroy(); // SIGTERM: the daemon's clean-stop path
        }
        Instant deadline = Instant.now().plus(STOP_WAIT);
        while (DaemonProcess.isRunning(daemon.get())) {
            if (Instant.now().isAfter(deadline)) {
                System.err.println(FailureLine.now(HaScript.STOP_DAEMON.fileName(), ExitCode.SUCCESS, "the daemon "
                        + daemon.get().pid() + " did not stop in " + STOP_WAIT.toSeconds() + " s; killing it"));
                daemon.get().destroyForcibly();
            }
            sleep(20);
        }
        return 0;
    }

    private static int relay(ScriptContext s, Verb verb, Optional<Duration> timeout) {
        RunDir runDir;
        try {
            runDir = daemonRunDir(s);
        } catch (HaException e) {
            throw new HaException(ExitCode.DAEMON_IS_NOT_PRESENT, e.getMessage() + ", so no daemon can run from it");
        }
        Optional<Reply> reply = new ControlClient(runDir).request(Request.of(verb), timeout);
        if (reply.isEmpty()) {
            throw new HaException(ExitCode.DAEMON_IS_NOT_PRESENT, ControlClient.NO_DAEMON + " (" + runDir.dir() + ")");
        }
        return finish(s, reply.get());
    }

    /** The script's end as the daemon replied: its output on success, else its code and one-line reason. */
    static int finish(ScriptContext s, Reply reply) {
        if (!reply.succeeded()) {
            throw new HaException(reply.code(), reply.message());
        }
        s.out().print(reply.stdout());
        return 0;
    }

    /** This host's daemon's directory, from the shim's HostID or else the config (6 or 7 when it is unusable). */
    private static RunDir daemonRunDir(ScriptContext s) {
        if (s.hostHint().isPresent()) {
            return RunDir.of(s.runBase(), s.stack(), s.hostHint().get());
        }
        return s.runDir(s.readConfig());
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "interrupted");
        }
    }
}
