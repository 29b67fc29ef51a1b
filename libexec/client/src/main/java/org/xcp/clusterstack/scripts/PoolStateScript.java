package org.xcp.clusterstack.scripts;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.Statefile;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;

/**
 * {@code ha_set_pool_state init|active|invalid} (spec §1.4). {@code init} formats the statefile and needs
 * no daemon on this host (15 otherwise); {@code active}/{@code invalid} ask the daemon and, if that fails
 * for any reason, rewrite the global section themselves.
 */
final class PoolStateScript {
    private PoolStateScript() {
    }

    static int run(ScriptContext s) {
        String word = s.rest().get(0);
        PoolState target = switch (word) {
            case "init" -> PoolState.INIT;
            case "active" -> PoolState.ACTIVE;
            case "invalid" -> PoolState.INVALID;
            default -> throw new HaException(ExitCode.INVALID_PARAMETER, "unknown pool state '" + word
                    + "' (init, active or invalid)");
        };
        DaemonConfig config = s.readConfig();
        if (target == PoolState.INIT) {
            requireNoDaemon(s.runDir(config));
            try (StatefileDevice device = StatefileDevice.open(config.local().stateFile())) {
                device.format(config.generation(), config.hostCount());
            }
            return 0;
        }
        String daemonSaid;
        try {
            Optional<Reply> reply = s.ask(config, Request.of(Verb.SET_POOL_STATE, target.name()), DaemonScripts.QUICK);
            if (reply.isPresent() && reply.get().succeeded()) {
                return 0;
            }
            daemonSaid = reply.map(r -> r.status() + (r.message().isEmpty() ? "" : ": " + r.message()))
                    .orElse(ControlClient.NO_DAEMON);
        } catch (HaException e) {
            daemonSaid = e.exitCode().number() + ": " + e.getMessage();
        }
        // as xhad's script: whatever the daemon said, write the global section directly; only that can fail now
        try (StatefileDevice device = StatefileDevice.open(config.local().stateFile())) {
            GlobalSection global = device.readGlobal();
            Statefile.requireIntact(device.path(), global); // the generation is not checked here (spec §1.4)
            device.writeGlobal(global.withPoolState(target));
        } catch (HaException e) {
            throw new HaException(e.exitCode(), e.getMessage() + " (written directly since the daemon did not set it: "
                    + daemonSaid + ")", e);
        }
        return 0;
    }

    /** A daemon holds the host lock from before it answers until after it stops: check the lock, not the socket. */
    private static void requireNoDaemon(RunDir runDir) {
        if (!Files.exists(runDir.lockFile())) {
            return;
        }
        try (FileChannel channel = FileChannel.open(runDir.lockFile(), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new HaException(ExitCode.DAEMON_IS_PRESENT, "a daemon runs on this host (" + runDir.dir()
                        + "): stop it before ha_set_pool_state init");
            }
        } catch (java.io.IOException e) {
            throw new HaException(ExitCode.DAEMON_IS_PRESENT, "cannot prove that no daemon runs: " + e);
        }
    }
}
