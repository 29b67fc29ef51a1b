package org.xcp.clusterstack.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.selector.EnableDecision;
import org.xcp.clusterstack.selector.EnableRequest;
import org.xcp.clusterstack.selector.HaEnableCheck;
import org.xcp.clusterstack.selector.PoolRecordStore;
import org.xcp.clusterstack.selector.StackReadiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack enable-check --pool FILE|-}: {@code Pool.enable_ha}'s checks in selector.md §6's
 * order (HA not yet on, the choice, installed on the master, the heartbeat SR against the stack's
 * {@code ha_supported_srs}), and only when all pass, the pool record: {@code ha_enabled} and
 * {@code ha_cluster_stack}. A failed check writes nothing.
 */
@Command(name = "enable-check", mixinStandardHelpOptions = true,
        description = {"Run Pool.enable_ha's checks for the pool document and, only if all pass, record"
            + " ha_cluster_stack and ha_enabled.",
            "Prints {\"cluster_stack\": NAME, \"statefile_sr\": REF} or the XenAPI error {\"error\": CODE,"
                + " \"params\": [...]}."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            "0:success: the answer as one line of JSON on stdout, the record written",
            SelectorCli.EXIT_XENAPI_ERROR_NOTHING_WRITTEN,
            SelectorCli.EXIT_MALFORMED_DOCUMENT,
            "16:xapi.conf, the stack root or the pool record is unusable: one line on stderr"})
final class EnableCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.Document document;

    @Mixin
    PoolFileOptions.State state;

    @Mixin
    PoolFileOptions.Conf conf;

    @Override
    public Integer call() {
        return SelectorCli.run(spec, () -> {
            PoolDocument doc = document.read();
            PoolRecordStore store = state.store();
            HaEnableCheck check = new HaEnableCheck(conf.selector(), conf.master(doc), StackReadiness.NONE);
            EnableDecision decision = check.check(doc.pool(), doc.effectiveRecord(store::readOrNewPool),
                    new EnableRequest(doc.clusterStack(), doc.heartbeatSrs()));
            store.write(decision.record());
            Map<String, Object> answer = SelectorCli.answer("cluster_stack", decision.clusterStack());
            answer.put("statefile_sr", decision.statefileSr().ref());
            return answer;
        });
    }
}
