package org.xcp.clusterstack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-stack pool}: the pool record ({@code ha_enabled}, {@code ha_cluster_stack}) and what changes it. */
@Command(name = "pool", mixinStandardHelpOptions = true,
        description = {"Show or change the pool record (Pool.ha_enabled, Pool.ha_cluster_stack); status shows the running"
                + " pool from the shared statefile.",
            "Applies the operations that change it besides enable-check: Pool.disable_ha, Cluster.create,"
                + " Cluster.destroy."},
        subcommands = {PoolShowCommand.class, PoolStatusCommand.class, PoolDisableHaCommand.class,
            PoolClusterCreateCommand.class, PoolClusterDestroyCommand.class})
final class PoolCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (show, status, disable-ha, cluster-create, cluster-destroy)");
    }
}
