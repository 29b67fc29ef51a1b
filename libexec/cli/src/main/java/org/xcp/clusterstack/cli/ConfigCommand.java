package org.xcp.clusterstack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-stack config}: the daemon configuration, xhad.conf. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Work with xhad.conf, the file xapi writes on every host.",
        subcommands = ConfigCheckCommand.class)
final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (check)");
    }
}
