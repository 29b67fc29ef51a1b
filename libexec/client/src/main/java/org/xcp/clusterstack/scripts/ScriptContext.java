package org.xcp.clusterstack.scripts;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;

/**
 * What one script run knows: its stack, where run-time files, logs and jars live (from the installed
 * {@code ha_env.rc}), the config it was pointed at, and where its stdout goes.
 */
record ScriptContext(String stack, Path runBase, Path logBase, Path lib, String stackJars, Path config,
        List<String> rest, PrintStream out, Optional<HaUuid> hostHint) {

    /**
     * The local HostID the shim read from the config with sed: scripts that only talk to the daemon use it
     * to find the daemon without parsing XML in a cold JVM. Without it they read the config properly.
     */
    ScriptContext withHost(Optional<HaUuid> host) {
        return new ScriptContext(stack, runBase, logBase, lib, stackJars, config, rest, out, host);
    }

    DaemonConfig readConfig() {
        return DaemonConfigReader.read(config);
    }

    RunDir runDir(DaemonConfig c) {
        return RunDir.of(runBase, stack, c.local().hostId());
    }

    LogDir logDir(DaemonConfig c) {
        return LogDir.of(logBase, stack, c.local().hostId());
    }

    /** The daemon's answer, or empty when no daemon answers (exit 14 for most scripts). */
    Optional<Reply> ask(DaemonConfig c, Request request, Optional<java.time.Duration> timeout) {
        return new ControlClient(runDir(c)).request(request, timeout);
    }
}
