package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.xapiconf.InstalledStack;
import org.xcp.clusterstack.xapiconf.SupportedSrs;
import org.xcp.clusterstack.xapiconf.XapiConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack stacks}: the effective {@code cluster-stack-root} and {@code cluster-stack-default}
 * (read from xapi.conf as xapi reads it, with where each value came from) and the stacks installed under
 * the root with their {@code ha_supported_srs} whitelist. Exit 16 when xapi.conf is unusable.
 */
@Command(name = "stacks", mixinStandardHelpOptions = true,
        description = {"Show xapi.conf's cluster-stack-root and cluster-stack-default, and the installed stacks.",
            "Both values are read as xapi reads them, with where each came from; every stack installed under the"
                + " root is listed with the SR types its ha_supported_srs accepts."})
final class StacksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolFileOptions.Conf xapiConf;

    @Option(names = "--json", description = "Print the same as JSON.")
    boolean json;

    @Override
    public Integer call() {
        XapiConf conf = xapiConf.conf();
        try {
            conf.validate();
        } catch (HaException e) {
            throw withHint(e, conf);
        }
        List<InstalledStack> stacks = conf.stackRoot().installed();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("cluster_stack_root", conf.clusterStackRoot().toString());
            view.put("cluster_stack_root_from", conf.origins().clusterStackRoot().where());
            view.put("cluster_stack_default", conf.clusterStackDefault());
            view.put("cluster_stack_default_from", conf.origins().clusterStackDefault().where());
            view.put("stacks", stacks.stream().map(StacksCommand::stackView).toList());
            Json.print(out, view);
            return 0;
        }
        conf.describe().forEach(out::println);
        out.println(stacks.isEmpty() ? "no stack installed" : "installed stacks:");
        for (InstalledStack stack : stacks) {
            out.printf("  %-12s %s  ha_supported_srs: %s%n", stack.name(), stack.directory(),
                    describe(stack.supportedSrs()));
        }
        out.flush();
        return 0;
    }

    /** Says what to do about a missing root: on a machine without xapi, the default root is not there yet. */
    private HaException withHint(HaException e, XapiConf conf) {
        if (java.nio.file.Files.isDirectory(conf.clusterStackRoot())) {
            return e;
        }
        String hint = " (install the stacks there first: cluster-stack install --root " + conf.clusterStackRoot()
                + (java.nio.file.Files.exists(xapiConf.confFile) ? "" : "; or name another root in a file given with"
                + " --xapi-conf FILE, since " + xapiConf.confFile + " does not exist") + ")";
        return new HaException(e.exitCode(), e.getMessage() + hint, e);
    }

    private static Map<String, Object> stackView(InstalledStack stack) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", stack.name().toString());
        view.put("directory", stack.directory().toString());
        view.put("ha_supported_srs", stack.supportedSrs().whitelist().map(s -> s.stream().sorted().toList())
                .orElse(null));
        return view;
    }

    private static String describe(SupportedSrs srs) {
        return srs.whitelist().map(set -> set.isEmpty() ? "present but empty (no SR type accepted)"
                : String.join(" ", set.stream().sorted().toList())).orElse("absent (any SR type)");
    }
}
