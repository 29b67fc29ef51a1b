package org.xcp.clusterstack.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.cli.ExtraCommand;
import org.xcp.clusterstack.cli.InstallCommand;
import org.xcp.clusterstack.cli.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cluster-stack demo}: a working HA pool on this machine, end to end (see {@link Demo}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run a 3-host HA pool on this machine through the installed scripts.",
            "Enables HA in xapi's order, shows every host's liveset and the master, crashes the master and shows"
                + " the survivors' new liveset and master with timings, restarts it, shuts another host down as"
                + " xapi does, and disables HA. Needs root (the daemons bind UDP 694 on 127.0.0.x). Takes about a"
                + " minute."})
public final class DemoCommand implements Callable<Integer>, ExtraCommand {
    @Spec
    CommandSpec spec;

    @Option(names = "--hosts", defaultValue = "3", description = "Hosts in the pool, 2 to 16 (default: ${DEFAULT-VALUE}).")
    int hosts;

    @Option(names = "--json", description = "Print what happened as JSON on stdout (progress goes to stderr).")
    boolean json;

    @Override
    public Integer call() throws IOException {
        if (hosts < 2 || hosts > 16) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "--hosts must be from 2 to 16, not " + hosts);
        }
        PrintWriter progress = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Path java = Path.of(ProcessHandle.current().info().command()
                .orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot tell which java runs this")));
        Map<String, Object> record = new Demo(progress, hosts, InstallCommand.ownJars(), java).run();
        if (json) {
            Json.print(spec.commandLine().getOut(), record);
        }
        return 0;
    }
}
