package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.verify.StackVerifier;
import org.xcp.clusterstack.xapiconf.XapiConf;
import org.xcp.clusterstack.verify.VerifyOptions;
import org.xcp.clusterstack.verify.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack verify DIR/<stack>}: tells a packager whether a stack conforms before xapi calls it,
 * as ocf-tester does for OCF agents. One sentence per failure, then "passed all tests" (exit 0) or
 * "failed N tests" (exit 1).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check that an installed cluster stack conforms to xhad's script interface.",
            "First its manifest, the eight ha_* scripts and ha_supported_srs, then (as root) a lifecycle on a"
                + " private pool of --hosts hosts on this machine: the answers with no daemon, init, start, a second"
                + " start (15), the liveset as xapi parses it, propose_master on every host (one TRUE), disarm,"
                + " stop, set_excluded, a second stop (0), a missing and a malformed config (6, 7).",
            "Then xhad's answers to faults, compared with xhad's: a host alone under init (Starting, propose 17,"
                + " never Online), set_excluded under a daemon and an excluded host alone (18), the statefile's"
                + " version or generation changed under running daemons (they end; a start is 9 or 10), init"
                + " written while daemons run, a slave without the statefile, and (with 2 hosts or more) a master"
                + " that stops answering, dropped within the manifest's failover window and still shown master."
                + " -o checks=GROUP,... runs some groups only.",
            "Prints one sentence per failure, then \"passed all tests\" (exit 0) or \"failed N tests\" (exit 1)."
                + " Never arms a watchdog that resets the machine."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "The stack's installed directory, e.g."
            + " /usr/libexec/xapi/cluster-stack/xhad (a stack behind the third-party door too, once installed).")
    Path dir;

    @Option(names = "--hosts", paramLabel = "N", defaultValue = "1",
            description = "Hosts in the private pool, on consecutive addresses (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "-o", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Pool setting: " + VerifyOptions.KEYS + ".")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() {
        VerifyOptions options = VerifyOptions.of(hosts, settings);
        if (!java.nio.file.Files.isDirectory(dir)) {
            // a stack's name (one behind the third-party door too) is verified once installed, in its directory
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            throw new org.xcp.clusterstack.api.HaException(org.xcp.clusterstack.api.ExitCode.INVALID_PARAMETER,
                    dir + " is not a stack directory" + (dir.getNameCount() == 1 && !dir.isAbsolute()
                    ? ": verify takes an installed stack's directory, e.g. " + XapiConf.DEFAULT_CLUSTER_STACK_ROOT_DIR
                    + "/" + name + " (cluster-stack install --stack " + name + " lays it out)" : ""));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Testing stack " + dir.toAbsolutePath().normalize().getFileName() + " in " + dir + " ("
                + hosts + (hosts == 1 ? " host on " + options.address(0) : " hosts on " + options.address(0) + "-"
                + options.address(hosts - 1)) + ", T = " + options.timeout() + " s)");
        out.flush();
        VerifyReport report = StackVerifier.verify(dir, options, c -> c.failure().ifPresent(s -> {
            out.println(s);
            out.flush();
        }));
        out.println(report.summary());
        out.flush();
        return report.passed() ? 0 : 1;
    }
}
