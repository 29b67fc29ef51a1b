package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code cluster-stack config check [FILE]}: the verdict xhad would give on the file (exit 0, 6 or 7)
 * and, when it is valid, a short summary.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check an xhad.conf with xhad's rules.",
            "Exit 0 and a summary, 6 if the file does not exist, 7 with one line saying what is wrong and where."})
final class ConfigCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "The config to check (default: ${DEFAULT-VALUE}).",
            defaultValue = DaemonConfig.DEFAULT_FILE)
    Path file;

    @Option(names = "--json", description = "Print the parsed config as JSON.")
    boolean json;

    @Override
    public Integer call() {
        DaemonConfig config = DaemonConfigReader.read(file);
        ConfigSummary summary = new ConfigSummary(file, config);
        if (json) {
            Json.print(spec.commandLine().getOut(), summary.json());
        } else {
            spec.commandLine().getOut().print(summary.text());
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
