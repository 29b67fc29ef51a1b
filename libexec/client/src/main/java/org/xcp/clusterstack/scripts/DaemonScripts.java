package org.xcp.clusterstack.scripts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
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
        Optional<RunDir> runDir = daemonRunDir(s);
        if (runDir.isEmpty()) {
            return 0;
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
                System.err.println("the daemon " + daemon.get().pid() + " did not stop in " + STOP_WAIT.toSeconds()
                        + " s; killing it");
                daemon.get().destroyForcibly();
            }
            sleep(20);
        }
        return 0;
    }

    private static int relay(ScriptContext s, Verb verb, Optional<Duration> timeout) {
        Optional<RunDir> runDir = daemonRunDir(s);
        if (runDir.isEmpty()) {
            return ExitCode.DAEMON_IS_NOT_PRESENT.number();
        }
        Optional<Reply> reply = new ControlClient(runDir.get()).request(Request.of(verb), timeout);
        if (reply.isEmpty()) {
            return ExitCode.DAEMON_IS_NOT_PRESENT.number();
        }
        return finish(s, reply.get());
    }

    /** The script's end as the daemon replied: its output on success, else its one-line reason on stderr. */
    static int finish(ScriptContext s, Reply reply) {
        if (reply.succeeded()) {
            s.out().print(reply.stdout());
        } else if (!reply.message().isEmpty()) {
            System.err.println(reply.message());
        }
        return reply.status();
    }

    /** This host's daemon's directory, from the shim's HostID or else the config; none if the config is unusable. */
    private static Optional<RunDir> daemonRunDir(ScriptContext s) {
        if (s.hostHint().isPresent()) {
            return Optional.of(RunDir.of(s.runBase(), s.stack(), s.hostHint().get()));
        }
        try {
            DaemonConfig config = s.readConfig();
            return Optional.of(s.runDir(config));
        } catch (HaException e) {
            System.err.println(e.getMessage() + " (so no daemon can run from it)");
            return Optional.empty();
        }
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
