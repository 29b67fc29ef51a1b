package org.xcp.clusterstack.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack completion}: the bash completion script, generated from the picocli commands themselves by
 * picocli's {@link AutoComplete}; the package installs it as
 * {@code /usr/share/bash-completion/completions/cluster-stack}.
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print the bash completion script of every command and option, generated from the commands.",
            "The package installs it as /usr/share/bash-completion/completions/cluster-stack; from a checkout,"
                + " source it: source <(bin/cluster-stack completion)."})
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(script(spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static String script(picocli.CommandLine root) {
        return AutoComplete.bash(CommandLines.NAME, root);
    }
}
