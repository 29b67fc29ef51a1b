package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import org.xcp.clusterstack.selector.Cluster;
import org.xcp.clusterstack.selector.ClusterGate;
import org.xcp.clusterstack.selector.PoolRecord;
import org.xcp.clusterstack.selector.PoolRecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack pool cluster-create --pool FILE|-}: the {@code Cluster.create} gate for the pool as the
 * document describes it before the call (selector.md §8), then the automatic choice with the new Cluster,
 * recorded even with HA off.
 */
@Command(name = "cluster-create", mixinStandardHelpOptions = true,
        description = {"Check Cluster.create against the pool document (refused while HA is on) and record the"
            + " stack the automatic choice gives with the new Cluster.",
            "Prints the record as one line of JSON."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            SelectorCli.EXIT_RECORDED,
            SelectorCli.EXIT_XENAPI_ERROR_NOTHING_WRITTEN,
            SelectorCli.EXIT_MALFORMED_DOCUMENT,
            SelectorCli.EXIT_CONF_OR_RECORD_UNUSABLE})
final class PoolClusterCreateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.Document document;

    @Mixin
    PoolFileOptions.State state;

    @Mixin
    PoolFileOptions.Conf conf;

    @Option(names = "--cluster-stack", paramLabel = "STACK", defaultValue = Cluster.COROSYNC,
            description = "The new Cluster's stack; xapi accepts only corosync (default: ${DEFAULT-VALUE}).")
    String clusterStack;

    @Option(names = "--cluster-ref", paramLabel = "REF", defaultValue = "OpaqueRef:new-cluster",
            description = "The new Cluster's ref (default: ${DEFAULT-VALUE}).")
    String ref;

    @Option(names = "--cluster-uuid", paramLabel = "UUID", defaultValue = "00000000-0000-0000-0000-000000000000",
            description = "The new Cluster's uuid (default: ${DEFAULT-VALUE}).")
    String uuid;

    @Override
    public Integer call() {
        return SelectorCli.run(spec, () -> {
            PoolDocument doc = document.read();
            PoolRecordStore store = state.store();
            if (ref.isEmpty() || uuid.isEmpty()) {
                throw new PoolInputException("--cluster-ref and --cluster-uuid must not be empty");
            }
            PoolRecord record = new ClusterGate(conf.selector()).create(doc.pool(),
                    doc.effectiveRecord(store::readOrNewPool), new Cluster(ref, uuid, clusterStack));
            store.write(record);
            return PoolRecordView.of(record);
        });
    }
}
