package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import org.xcp.clusterstack.selector.PlugGate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack check-plug --pool FILE|- --sr REF}: the {@code PBD.plug} gate (selector.md §9) for
 * one SR of the pool document, under the HA state of the document or, where it is silent, of the record.
 */
@Command(name = "check-plug", mixinStandardHelpOptions = true,
        description = {"May the SR be plugged under the active HA cluster stack?",
            "Prints {\"ok\": true}, or the XenAPI error {\"error\": CODE, \"params\": [...]}. Writes nothing."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            "0:the SR may be plugged: {\"ok\": true}",
            SelectorCli.EXIT_XENAPI_ERROR,
            "2:the pool document is malformed, or --sr names no SR in it: one line on stderr",
            "16:the pool record is unusable: one line on stderr"})
final class CheckPlugCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.Document document;

    @Mixin
    PoolFileOptions.State state;

    @Option(names = "--sr", paramLabel = "REF", required = true, description = "The SR being plugged (its ref in srs).")
    String sr;

    @Override
    public Integer call() {
        return SelectorCli.run(spec, () -> {
            PoolDocument doc = document.read();
            PlugGate.check(doc.pool(), doc.effectiveRecord(state.store()::readOrNewPool), doc.requireSr("--sr", sr));
            return SelectorCli.answer("ok", true);
        });
    }
}
