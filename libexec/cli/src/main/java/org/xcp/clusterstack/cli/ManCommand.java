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

/** {@code cluster-stack man --dir DIR}: writes the man pages into a man tree; the package build runs it. Hidden. */
@Command(name = "man", hidden = true, mixinStandardHelpOptions = true,
        description = "Write the man pages (troff) into the man tree DIR: DIR/man8 a page for every command and every"
                + " ha_* script, DIR/man5 xhad.conf(5) and cluster-stack-settings(5).")
final class ManCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The man tree to write the pages in (its man8 and man5).")
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
