package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.selector.PoolRecord;
import org.xcp.clusterstack.selector.PoolRecordStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack pool show [--json]}: the pool record. Without one, a new pool's values ({@code false},
 * {@code xhad}), said so. {@code ha_cluster_stack} is meaningful only while HA is enabled (selector.md §8).
 */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show Pool.ha_enabled and Pool.ha_cluster_stack as recorded.",
            "ha_cluster_stack is the stack in use only while HA is enabled; it keeps its last value after"
                + " disable."},
        exitCodeListHeading = SelectorCli.EXIT_CODES_HEADING, exitCodeList = {
            "0:success", "16:the pool record cannot be read or is damaged: one line on stderr"})
final class PoolShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.State state;

    @Option(names = "--json", description = "Print the same as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PoolRecordStore store = state.store();
        Optional<PoolRecord> recorded = store.read();
        PoolRecord record = recorded.orElse(PoolRecord.NEW_POOL);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("ha_enabled", record.haEnabled());
            view.put("ha_cluster_stack", record.haClusterStack());
            view.put("state_file", store.file().toString());
            view.put("recorded", recorded.isPresent());
            Json.print(out, view);
            return 0;
        }
        out.println("pool record " + store.file() + (recorded.isPresent() ? "" : ": none yet, a new pool's values"));
        out.println("  ha_enabled        " + record.haEnabled());
        out.println("  ha_cluster_stack  " + shown(record.haClusterStack())
                + (record.haEnabled() ? "" : "  (HA is off: the stack of the last enable or Cluster operation)"));
        out.flush();
        return 0;
    }

    /** A plain name as it is; an empty or odd one quoted, so that blanks and control characters show. */
    private static String shown(String stack) {
        boolean plain = !stack.isEmpty() && stack.strip().equals(stack)
                && stack.codePoints().noneMatch(cp -> Character.isISOControl(cp) || cp == '"');
        return plain ? stack : PoolDocument.quote(stack);
    }
}
