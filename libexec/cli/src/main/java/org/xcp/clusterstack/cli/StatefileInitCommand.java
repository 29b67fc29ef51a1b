package org.xcp.clusterstack.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.api.statefile.StatefileLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack statefile init -C CONFIG}: formats the config's statefile exactly as
 * {@code ha_set_pool_state init} does (spec §1.4): pool state INIT, no master, the config's generation
 * and host count, 64 blank host sections, written with direct I/O.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Format the statefile named by the config as 'ha_set_pool_state init' does.",
            "The statefile must already exist (xapi creates it, 266240 bytes, on the heartbeat SR). Only while HA"
                + " is being enabled: it erases the pool state, the master and every host's section."})
final class StatefileInitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-C", "--config"}, paramLabel = "CONFIG", required = true,
            description = "The xhad.conf whose StateFile, GenerationUUID and hosts to use.")
    Path config;

    @Option(names = "--json", description = "Print what was written as JSON.")
    boolean json;

    @Override
    public Integer call() {
        DaemonConfig pool = DaemonConfigReader.read(config);
        Path statefile = pool.local().stateFile();
        if (!Files.exists(statefile)) { // init formats a statefile, it never creates one: xapi does, on the SR
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile " + statefile + " (the StateFile of "
                    + config + ") does not exist: xapi creates it, " + StatefileLayout.SIZE + " bytes, on the"
                    + " heartbeat SR; to try init on a plain file, create it first: "
                    + (statefile.getParent() == null || Files.isDirectory(statefile.getParent()) ? ""
                    : "mkdir -p " + statefile.getParent() + " && ") + "truncate -s " + StatefileLayout.SIZE + " "
                    + statefile);
        }
        try (StatefileDevice device = StatefileDevice.open(statefile)) {
            device.format(pool.generation(), pool.hostCount());
        }
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("statefile", statefile.toString());
            view.put("bytes", StatefileLayout.SIZE);
            view.put("generation_uuid", pool.generation().dashed());
            view.put("config_hosts", pool.hostCount());
            view.put("pool_state", PoolState.INIT.name());
            Json.print(spec.commandLine().getOut(), view);
        } else {
            spec.commandLine().getOut().printf("%s: initialised (%d bytes): generation %s, %d hosts, pool state %s,"
                    + " no master%n", statefile, StatefileLayout.SIZE, pool.generation(), pool.hostCount(),
                    PoolState.INIT);
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
