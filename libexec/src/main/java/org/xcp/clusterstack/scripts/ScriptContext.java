package org.xcp.clusterstack.scripts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.daemon.ControlClient;
import org.xcp.clusterstack.daemon.RunDir;

/**
 * What one script run knows: its stack, where run-time files and jars live (from the installed
 * {@code ha_env.rc}), the config it was pointed at, and where its stdout goes.
 */
record ScriptContext(String stack, Path runBase, Path lib, Path config, List<String> rest, PrintStream out) {

    DaemonConfig readConfig() {
        return DaemonConfigReader.read(config);
    }

    RunDir runDir(DaemonConfig c) {
        return RunDir.of(runBase, stack, c.local().hostId());
    }

    /** The daemon's answer, or empty when no daemon answers (exit 14 for most scripts). */
    Optional<ControlClient.Reply> ask(DaemonConfig c, String request, Optional<java.time.Duration> timeout) {
        return new ControlClient(runDir(c)).request(request, timeout);
    }
}
