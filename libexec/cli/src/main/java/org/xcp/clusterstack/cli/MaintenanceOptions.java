package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import org.xcp.clusterstack.xapiconf.XapiConf;
import picocli.CommandLine.Option;

/** The options {@code maintenance enter} and {@code exit} share, besides those that find the daemon. */
final class MaintenanceOptions {
    @Option(names = "--root", paramLabel = "DIR", defaultValue = XapiConf.DEFAULT_CLUSTER_STACK_ROOT_DIR,
            description = "The cluster-stack root the stack is installed in; its scripts run from DIR/STACK"
                + " (default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--dry-run", description = "Run the preflight and print the steps; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Do not ask for confirmation (needed without a terminal).")
    boolean yes;

    @Option(names = "--force", description = "Go on when the preflight refuses (it says what that risks).")
    boolean force;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
            description = "The longest each script may take, and (exit) the wait until every running peer sees this"
                + " host live (default: ${DEFAULT-VALUE}).")
    int timeout;

    @Option(names = "--json", description = "Print the outcome as one JSON object (schema cluster-stack/maintenance,"
            + " version 1); the progress lines go to stderr.")
    boolean json;

    @Option(names = "--multipath-conf", paramLabel = "FILE", defaultValue = "/etc/multipath.conf", hidden = true,
            description = "The host's multipath configuration, as for pool status.")
    Path multipathConf;
}
