package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import org.xcp.clusterstack.selector.ClusterGate;
import org.xcp.clusterstack.selector.PoolRecord;
import org.xcp.clusterstack.selector.PoolRecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack pool cluster-destroy --pool FILE|- --cluster REF}: the automatic choice over the
 * Clusters that remain, recorded even with HA off (selector.md §8).
 */
@Command(name = "cluster-destroy", mixinStandardHelpOptions = true,
        description = {"Record the stack the automatic choice gives once the Cluster is destroyed (the pool"
            + " document describes the pool before the call).",
            "Prints the record as one line of JSON."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            SelectorCli.EXIT_RECORDED,
            SelectorCli.EXIT_XENAPI_ERROR_NOTHING_WRITTEN,
            "2:the pool document is malformed, or --cluster names no Cluster in it: one line on stderr",
            SelectorCli.EXIT_CONF_OR_RECORD_UNUSABLE})
final class PoolClusterDestroyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.Document document;

    @Mixin
    PoolFileOptions.State state;

    @Mixin
    PoolFileOptions.Conf conf;

    @Option(names = "--cluster", paramLabel = "REF", required = true, description = "The Cluster being destroyed.")
    String cluster;

    @Override
    public Integer call() {
        return SelectorCli.run(spec, () -> {
            PoolDocument doc = document.read();
            PoolRecordStore store = state.store();
            PoolRecord record = new ClusterGate(conf.selector()).destroy(doc.pool(),
                    doc.effectiveRecord(store::readOrNewPool), doc.requireCluster("--cluster", cluster));
            store.write(record);
            return PoolRecordView.of(record);
        });
    }
}
