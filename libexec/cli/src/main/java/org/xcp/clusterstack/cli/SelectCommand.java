package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack select --pool FILE|-}: the stack choice alone (selector.md §4 and §5.3), from the
 * pool document's SRs, drivers, Clusters and {@code cluster_stack}. Writes nothing. An automatic choice is
 * not checked against the stack root (that is {@code enable-check}'s step 3); an explicit one is.
 */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = {"Choose the HA cluster stack for the pool document.",
            "Prints {\"cluster_stack\": NAME}, or the XenAPI error {\"error\": CODE, \"params\": [...]}."
                + " Writes nothing."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            "0:success: the answer as one line of JSON on stdout",
            SelectorCli.EXIT_XENAPI_ERROR,
            SelectorCli.EXIT_MALFORMED_DOCUMENT,
            "16:xapi.conf or the stack root is unusable: one line on stderr"})
final class SelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.Document document;

    @Mixin
    PoolFileOptions.Conf conf;

    @Override
    public Integer call() {
        return SelectorCli.run(spec, () -> {
            PoolDocument doc = document.read();
            // Automatic mode needs no stack root; only an explicit request asks whether its stack is installed.
            String stack = conf.selector().resolve(doc.pool(), doc.clusterStack(), conf.lazyMaster(doc));
            return SelectorCli.answer("cluster_stack", stack);
        });
    }
}
