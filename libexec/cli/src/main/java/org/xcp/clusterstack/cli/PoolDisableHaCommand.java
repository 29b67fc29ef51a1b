package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import org.xcp.clusterstack.selector.PoolRecord;
import org.xcp.clusterstack.selector.PoolRecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cluster-stack pool disable-ha}: records {@code Pool.disable_ha}: HA off, the stack kept (selector.md §8). */
@Command(name = "disable-ha", mixinStandardHelpOptions = true,
        description = {"Record Pool.disable_ha: ha_enabled becomes false, ha_cluster_stack keeps its value.",
            "Prints the record as one line of JSON."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            "0:success", "16:the pool record cannot be read, is damaged, or cannot be written: one line on stderr"})
final class PoolDisableHaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.State state;

    @Override
    public Integer call() {
        PoolRecordStore store = state.store();
        PoolRecord record = store.readOrNewPool().disabled();
        store.write(record);
        SelectorCli.print(spec.commandLine().getOut(), PoolRecordView.of(record));
        return 0;
    }
}
