package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import org.xcp.clusterstack.maintenance.MaintenanceAction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cluster-stack maintenance exit}: ha_clear_excluded, ha_start_daemon, then wait until every peer sees it. */
@Command(name = "exit", mixinStandardHelpOptions = true,
        description = {"Bring this host back: ha_clear_excluded, ha_start_daemon, then wait (at most --timeout) until"
                + " every running peer sees it live.",
            "Refused unless --force when the pool state is not ACTIVE."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done, not in maintenance, or --dry-run printed the steps",
            "1:refused by the preflight, or no --yes without a terminal",
            "12:the peers did not all see this host live within --timeout",
            "N:the failing script's own xhad exit code, the step named"})
final class MaintenanceExitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalDaemon daemon;

    @Mixin
    MaintenanceOptions options;

    @Override
    public Integer call() {
        return new MaintenanceRun(spec, daemon, options).run(MaintenanceAction.EXIT);
    }
}
