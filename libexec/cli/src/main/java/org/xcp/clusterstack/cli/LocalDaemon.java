package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.control.RunDir;
import picocli.CommandLine.Option;

/**
 * The options that find this host's daemon, shared by the commands that talk to it: its config (for the
 * HostID), its stack and the run-time base the stack was installed with; the run directory follows.
 */
final class LocalDaemon {
    @Option(names = {"-C", "--config"}, paramLabel = "CONFIG", defaultValue = DaemonConfig.DEFAULT_FILE,
            description = "The host's xhad.conf (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--stack", defaultValue = "xhad", description = "The stack (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = RunDir.DEFAULT_BASE_DIR,
            description = "The daemons' run-time base, as given to install (default: ${DEFAULT-VALUE}).")
    Path runBase;

    /** The host's config, read and checked (6/7 otherwise). */
    DaemonConfig config() {
        return DaemonConfigReader.read(config);
    }

    RunDir runDir(DaemonConfig pool) {
        return RunDir.of(runBase, stack, pool.local().hostId());
    }
}
