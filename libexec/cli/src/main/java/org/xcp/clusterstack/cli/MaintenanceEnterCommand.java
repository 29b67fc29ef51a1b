package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import org.xcp.clusterstack.maintenance.MaintenanceAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cluster-stack maintenance enter}: ha_disarm_fencing, ha_stop_daemon, ha_set_excluded after the preflight. */
@Command(name = "enter", mixinStandardHelpOptions = true,
        description = {"Take this host out of the pool on purpose: ha_disarm_fencing, ha_stop_daemon, ha_set_excluded"
                + " (xapi's order for a clean shutdown), with a progress line each.",
            "Refused unless --force when the pool is not healthy, when the others would not survive one more"
                + " failure without this host (the stack's own rule), or when this host holds the master lock (xapi"
                + " must designate another master first)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, already in maintenance, or --dry-run printed the steps",
            "1:refused by the preflight, or no --yes without a terminal",
            "N:the failing script's own xhad exit code, the step named"})
final class MaintenanceEnterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalDaemon daemon;

    @Mixin
    MaintenanceOptions options;

    @Override
    public Integer call() {
        return new MaintenanceRun(spec, daemon, options).run(MaintenanceAction.ENTER);
    }
}
