package org.xcp.clusterstack.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code cluster-stack}: the admin CLI of the HA cluster-stack framework. */
@Command(name = CommandLines.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {"Admin tool of the HA cluster-stack framework for xapi.",
            "It checks xhad.conf, inspects and initialises statefiles, makes and rotates heartbeat keys, installs, lists and verifies cluster stacks, shows and tests a host's daemon, shows the"
            + " hosts' event journals and why a host was fenced, and runs the selector. Every command exits with xhad's codes; a failure is one line on stderr."},
        subcommands = {ConfigCommand.class, StatefileCommand.class, KeyCommand.class, StacksCommand.class,
            InstallCommand.class, VerifyCommand.class, StatusCommand.class, FistCommand.class, SelectCommand.class,
            EnableCheckCommand.class, CheckPlugCommand.class, PoolCommand.class, EventsCommand.class,
            WhyFencedCommand.class, ManCommand.class, SimulateCommand.class, RecoverCommand.class,
            MaintenanceCommand.class, CompletionCommand.class})
final class ClusterStackCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On failure, print the stack trace after the one-line message.")
    boolean verbose;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command");
    }
}
