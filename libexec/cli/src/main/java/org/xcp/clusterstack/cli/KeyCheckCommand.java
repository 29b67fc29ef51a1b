package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cluster-stack key check FILE}: the verdict the daemon would give on the key file at its start. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a heartbeat key file as the daemon does when it starts.",
            "Exit 0 if it is a regular file owned by the user running the check (root, on a host), of mode 0600"
                + " or stricter, with one current key and optional next and previous keys; 6 if it does not exist;"
                + " 7 with one line saying what is wrong and where."})
final class KeyCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The key file to check.")
    Path file;

    @Override
    public Integer call() {
        HeartbeatKeys keys = HeartbeatKeyFile.read(file);
        spec.commandLine().getOut().printf("%s: valid heartbeat key file (%s)%n", file, keys.describe());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
