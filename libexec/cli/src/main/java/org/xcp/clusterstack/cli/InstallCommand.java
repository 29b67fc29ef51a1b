package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.common.Providers;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.install.StackInstaller;
import org.xcp.clusterstack.xapiconf.XapiConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack install --root DIR}: lays out {@code DIR/<stack>/} for every stack on the class path.
 * Safe to run again; it never removes a file it did not write.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install every cluster stack this tool carries under a cluster-stack root.",
            "Today xhad, corosync, ocfs2 and melio; for each, the eight ha_* scripts, the exit-code rc file, the manifest,"
            + " ha_supported_srs and the jars. Safe to run again."})
public final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = XapiConf.DEFAULT_CLUSTER_STACK_ROOT_DIR,
            description = "The cluster-stack root (xapi.conf cluster-stack-root; default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = RunDir.DEFAULT_BASE_DIR,
            description = "Where the daemons keep sockets, pids, locks and the liveset, none of which outlives a"
                + " reboot (default: ${DEFAULT-VALUE}).")
    Path runBase;

    @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = LogDir.DEFAULT_BASE_DIR,
            description = "Where the daemons keep their logs and event journals, which must outlive the reboot a"
                + " fence causes (default: ${DEFAULT-VALUE}).")
    Path logBase;

    @Option(names = "--java", paramLabel = "PATH",
            description = "The java the scripts run (default: the one running this; a package says /usr/bin/java).")
    Path javaPath;

    @Option(names = "--legacy-xhad", paramLabel = "XHAD_DIR",
            description = "Make DIR/xhad forward every script to the C xhad installed in XHAD_DIR (its scripts"
                + " and ha_null), keeping its stdout and exit codes; the other stacks install as usual.")
    Path legacyXhad;

    @Override
    public Integer call() {
        List<Path> jars = ownJars();
        Path java = javaPath != null ? javaPath : Path.of(ProcessHandle.current().info().command()
                .orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot tell which java runs this")));
        StackInstaller installer = new StackInstaller(root, runBase, logBase, java, jars);
        PrintWriter out = spec.commandLine().getOut();
        String version = new Version().getVersion()[0].replace(CommandLines.NAME + " ", "");
        if (legacyXhad != null) { // a bad --legacy-xhad must leave the root untouched, not half installed
            installer.checkPassthrough("xhad", legacyXhad);
        }
        for (ClusterStackProvider provider : Providers.all()) {
            if (legacyXhad != null && provider.manifest().name().equals("xhad")) {
                Path dir = installer.installPassthrough(provider.manifest(), version, legacyXhad);
                out.println("installed stack xhad in " + dir + ", forwarding to the C xhad in " + legacyXhad);
                continue;
            }
            Path dir = installer.install(provider.manifest(), version);
            out.println("installed stack " + provider.manifest().name() + " in " + dir);
        }
        out.flush();
        return 0;
    }

    /** This tool's jar and its libraries: {@code cluster-stack.jar} with {@code lib/} beside it, or siblings. */
    public static List<Path> ownJars() {
        try {
            Path jar = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, "install runs from the built jar"
                        + " (bin/cluster-stack), not from " + jar);
            }
            Path lib = Files.isDirectory(jar.resolveSibling("lib")) ? jar.resolveSibling("lib") : jar.getParent();
            try (Stream<Path> files = Files.list(lib)) {
                return Stream.concat(Stream.of(jar), files.filter(p -> p.toString().endsWith(".jar"))
                        .filter(p -> !p.equals(jar)).sorted()).toList();
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot find this tool's jars: " + e);
        }
    }
}
