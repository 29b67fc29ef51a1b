package org.xcp.clusterstack.scripts;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.RunDir;

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
        return relay(s, ControlProtocol.LIVESET, QUICK);
    }

    /** No time limit: the lock may wait on the other hosts (spec §7.6). */
    static int proposeMaster(ScriptContext s) {
        return relay(s, ControlProtocol.PROPOSE_MASTER, Optional.empty());
    }

    static int disarm(ScriptContext s) {
        return relay(s, ControlProtocol.DISARM_FENCING, QUICK);
    }

    /** Asks the daemon to stop cleanly and waits until its process is gone; no daemon is success. */
    static int stop(ScriptContext s) {
        Optional<RunDir> runDir = daemonRunDir(s);
        if (runDir.isEmpty()) {
            return 0;
        }
        Optional<ProcessHandle> daemon = DaemonProcess.of(runDir.get());
        Optional<ControlClient.Reply> reply;
        try {
            reply = new ControlClient(runDir.get()).request(ControlProtocol.STOP, QUICK);
        } catch (HaException e) {
            reply = Optional.empty(); // hung: fall back to SIGTERM below
        }
        if (daemon.isEmpty()) {
            return 0;
        }
        if (reply.isEmpty()) {
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

    private static int relay(ScriptContext s, String request, Optional<Duration> timeout) {
        Optional<RunDir> runDir = daemonRunDir(s);
        if (runDir.isEmpty()) {
            return ExitCode.DAEMON_IS_NOT_PRESENT.number();
        }
        Optional<ControlClient.Reply> reply = new ControlClient(runDir.get()).request(request, timeout);
        if (reply.isEmpty()) {
            return ExitCode.DAEMON_IS_NOT_PRESENT.number();
        }
        if (reply.get().status() == 0) {
            s.out().print(reply.get().stdout());
        }
        return reply.get().status();
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
