package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cluster-stack man --dir DIR}: writes the man pages; the package build runs it. Hidden. */
@Command(name = "man", hidden = true, mixinStandardHelpOptions = true,
        description = "Write a man page (troff, section 1) for every command into DIR.")
final class ManCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "Where to write the pages.")
    Path dir;

    @Override
    public Integer call() {
        String version = new Version().getVersion()[0];
        try {
            for (Path page : ManPages.write(spec.root().commandLine(), dir, version)) {
                spec.commandLine().getOut().println(page);
            }
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot write the man pages in " + dir + ": " + e.getMessage());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
