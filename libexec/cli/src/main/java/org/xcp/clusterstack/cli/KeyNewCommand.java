package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.StackSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cluster-stack key new FILE}: a pool key file with one fresh {@code current} key, mode 0600. */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = {"Make a heartbeat key file with one new current key (mode 0600).",
            "The key comes from the JDK's SecureRandom; the file is written to a temporary file of mode 0600 and"
                + " moved into place. An existing file is refused (exit 1) unless --force: replacing the key of a"
                + " running pool cuts every host that does not have the new file off from those that do. Prints"
                + " the key's id and where to name the file."})
final class KeyNewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The key file to make.")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Option(names = {"-C", "--config"}, paramLabel = "CONFIG", defaultValue = DaemonConfig.DEFAULT_FILE,
            description = "The hosts' xhad.conf, to say where the setting goes (default: ${DEFAULT-VALUE}).")
    Path config;

    @Override
    public Integer call() {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
            throw new HaException(ExitCode.INVALID_PARAMETER, file + ": exists; not replaced (check it with"
                    + " 'cluster-stack key check " + file + "', rotate it with 'cluster-stack key next " + file
                    + "', or replace it with --force)");
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new HaException(ExitCode.SYSTEM_ERROR, file + ": cannot make it: the directory " + dir
                    + " does not exist");
        }
        HeartbeatKeys keys = HeartbeatKeys.of(HeartbeatKey.generate());
        try {
            HeartbeatKeyFile.write(file, keys, force);
        } catch (HaException e) {
            if (e.exitCode() == ExitCode.INVALID_PARAMETER) { // made by someone else since the check above
                throw new HaException(ExitCode.INVALID_PARAMETER, e.getMessage() + " (replace it with --force)");
            }
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: new heartbeat key file (%s)%n", file, keys.describe());
        out.printf("next: copy %s to every host of the pool (root-only, mode 0600), then on every host set%n"
                + "  %s = %s%n"
                + "in %s; a daemon reads it when it starts, and a keyed and an unkeyed host cannot hear each other"
                + " (docs/heartbeat-auth.md)%n",
                file, KeyCommand.SETTING, file.toAbsolutePath().normalize(),
                StackSettings.fileFor(config, KeyCommand.STACK));
        out.flush();
        return 0;
    }
}
