package org.xcp.clusterstack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cluster-stack statefile}: the 266,240-byte statefile on the heartbeat SR. */
@Command(name = "statefile", mixinStandardHelpOptions = true,
        description = "Inspect or initialise a statefile (xhad's version-2 layout).",
        subcommands = {StatefileDumpCommand.class, StatefileInitCommand.class})
final class StatefileCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command (dump, init)");
    }
}
