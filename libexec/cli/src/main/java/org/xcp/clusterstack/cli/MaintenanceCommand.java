package org.xcp.clusterstack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-stack maintenance enter|exit}: take this host out of the pool on purpose, and bring it back. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Take this host out of the pool for maintenance (enter) and bring it back (exit), after a"
                + " preflight on the pool's health and the stack's own survival rule; the stack's ha_* scripts run"
                + " as xapi runs them, in xapi's order."},
        subcommands = {MaintenanceEnterCommand.class, MaintenanceExitCommand.class})
final class MaintenanceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (enter, exit)");
    }
}
