package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import picocli.CommandLine.Option;

/**
 * The options that find this host's daemon, shared by the commands that talk to it: its config (for the
 * HostID), its stack and the run-time base the stack was installed with; the run directory follows. Without
 * {@code --stack}, the stack is the one whose daemon answers for this host, else the only one with a run
 * directory for it (a daemon that died or will not start), else xhad: an admin on a corosync pool need not
 * name it to every command.
 */
final class LocalDaemon {
    static final String DEFAULT_STACK = "xhad";
    /** How long a daemon found by its socket has to answer before the next stack is asked. */
    private static final Duration ASK = Duration.ofSeconds(2);

    @Option(names = {"-C", "--config"}, paramLabel = "CONFIG", defaultValue = DaemonConfig.DEFAULT_FILE,
            description = "The host's xhad.conf (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--stack", paramLabel = "STACK", description = "The stack (default: the one whose daemon runs"
            + " for this host, else the only one with a run directory for it, else " + DEFAULT_STACK + ").")
    private String stack;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = RunDir.DEFAULT_BASE_DIR,
            description = "The daemons' run-time base, as given to install (default: ${DEFAULT-VALUE}).")
    Path runBase;

    /** The host's config, read and checked (6/7 otherwise). */
    DaemonConfig config() {
        return DaemonConfigReader.read(config);
    }

    /** The stack named by {@code --stack}, else the one found for this host (reads the config: 6/7). */
    String stack() {
        if (stack == null) {
            stack = found(config().local().hostId());
        }
        return stack;
    }

    RunDir runDir(DaemonConfig pool) {
        return RunDir.of(runBase, stack(), pool.local().hostId());
    }

    /** Among every stack with a run directory for this host, a third-party stack behind the door among them. */
    private String found(HaUuid host) {
        List<String> withRunDir;
        try {
            withRunDir = RunDir.stacksUnder(runBase).stream()
                    .filter(name -> Files.isDirectory(RunDir.of(runBase, name, host).dir())).toList();
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot list the run-time base " + runBase + ": " + e);
        }
        for (String name : withRunDir) {
            RunDir dir = RunDir.of(runBase, name, host);
            if (Files.exists(dir.socket()) && new ControlClient(dir)
                    .request(Request.of(Verb.STATUS), Optional.of(ASK)).isPresent()) {
                return name;
            }
        }
        return withRunDir.size() == 1 ? withRunDir.get(0) : DEFAULT_STACK;
    }
}
