package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.install.FoundStack;
import org.xcp.clusterstack.install.StackCatalog;
import org.xcp.clusterstack.install.StackInstaller;
import org.xcp.clusterstack.install.StackLibrary;
import org.xcp.clusterstack.xapiconf.XapiConf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack install --root DIR}: lays out {@code DIR/<stack>/} for every stack the catalog finds (this
 * tool's own and those behind the door), with the jars once in the library directory and the scripts'
 * class-data archive beside it. Every stack is checked before anything is written. Safe to run again; it never
 * removes a file it did not write.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install the cluster stacks under a cluster-stack root: this tool's own (xhad, corosync, ocfs2,"
            + " melio) and those behind the third-party door (--stacks-dir).",
            "For each, the eight ha_* scripts, the rc files, the manifest and ha_supported_srs; no jar: the jars are"
                + " once in the library directory (--lib-dir), which the scripts name relative to their directory,"
                + " and the scripts' class-data archive is one file beside it (client.jsa). Safe to run again."})
public final class InstallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--root", paramLabel = "DIR", defaultValue = XapiConf.DEFAULT_CLUSTER_STACK_ROOT_DIR,
            description = "The cluster-stack root (xapi.conf cluster-stack-root; default: ${DEFAULT-VALUE}).")
    Path root;

    @Option(names = "--lib-dir", paramLabel = "DIR",
            description = "Where the stacks' jars are, once (default: the lib/ beside this tool's jar, e.g."
                + " /usr/share/cluster-stack/lib); they are copied there only if they are not there already.")
    Path libDir;

    @Option(names = "--stack", paramLabel = "NAME",
            description = "Install only this stack (repeatable; default: every stack found).")
    List<String> only = new ArrayList<>();

    @Option(names = "--stacks-dir", paramLabel = "DIR", defaultValue = StackCatalog.DEFAULT_STACKS_DIR,
            description = "The third-party door: one directory per stack, named as its provider, holding its jars"
                + " and optionally manifest.xml and ha_supported_srs (default: ${DEFAULT-VALUE}; env "
                + StackCatalog.STACKS_DIR_ENV + ").")
    Path stacksDir;

    @Option(names = "--no-archive", description = "Do not make the scripts' class-data archive (a package makes it"
            + " where it installs: install --archive-only).")
    boolean noArchive;

    @Option(names = "--archive-only", description = "Only (re)make the scripts' class-data archive, client.jsa beside"
            + " the library directory (its jars as an install placed them), for the java of --java.")
    boolean archiveOnly;

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
        PrintWriter out = spec.commandLine().getOut();
        Path lib = libDir != null ? libDir : defaultLibDir(jars);
        if (archiveOnly) {
            if (noArchive) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--archive-only and --no-archive contradict each"
                        + " other");
            }
            StackLibrary library = StackLibrary.existing(lib);
            out.println(archived(new StackInstaller(root, runBase, logBase, java, library)));
            out.flush();
            return 0;
        }
        String version = Version.current();
        // every stack and every argument is checked before anything is written: a refusal leaves the root as it was
        List<FoundStack> stacks = StackCatalog.of(stacksDirOrEnv(), version).select(only);
        if (legacyXhad != null) {
            if (stacks.stream().noneMatch(s -> s.name().equals("xhad"))) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--legacy-xhad makes the xhad stack a passthrough,"
                        + " and --stack leaves xhad out");
            }
            StackInstaller.checkPassthrough(root, "xhad", legacyXhad);
        }
        StackInstaller.checkPaths(root, lib, stacks);
        StackLibrary library = StackLibrary.placedIn(lib, jars);
        warnOfForeignJars(library, jars);
        StackInstaller installer = new StackInstaller(root, runBase, logBase, java, library);
        for (FoundStack stack : stacks) {
            if (legacyXhad != null && stack.name().equals("xhad")) {
                Path dir = installer.installPassthrough(stack.manifest(), version, legacyXhad);
                out.println("installed stack xhad in " + dir + ", forwarding to the C xhad in " + legacyXhad);
                continue;
            }
            Path dir = installer.install(stack);
            out.println("installed stack " + stack.name() + " in " + dir + stack.door().map(d -> " (from " + d + ")")
                    .orElse(""));
        }
        if (!noArchive) {
            out.println(archived(installer));
        }
        out.flush();
        return 0;
    }

    private static String archived(StackInstaller installer) {
        return installer.archiveClientClasses().map(a -> "made the scripts' class-data archive " + a)
                .orElse("made no class-data archive: this java does not share class data");
    }

    /** {@code --stacks-dir} as given; else {@code CLUSTER_STACK_STACKS_DIR} if set (tests); else the default. */
    private Path stacksDirOrEnv() {
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--stacks-dir");
        return given ? stacksDir : StackCatalog.hostDoor();
    }

    /** The directory of this tool's libraries: {@code lib/} beside {@code cluster-stack.jar}, else the jar's own. */
    static Path defaultLibDir(List<Path> ownJars) {
        Path jar = ownJars.get(0);
        return Files.isDirectory(jar.resolveSibling("lib")) ? jar.resolveSibling("lib") : jar.getParent();
    }

    /**
     * This tool's jar and its libraries: {@code cluster-stack.jar} and the jars its manifest's {@code Class-Path}
     * names (those present: the JVM skips a missing one too), else every jar in the {@code lib/} beside it.
     */
    public static List<Path> ownJars() {
        try {
            Path jar = Path.of(InstallCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, "install runs from the built jar"
                        + " (bin/cluster-stack), not from " + jar);
            }
            String classPath;
            try (JarFile file = new JarFile(jar.toFile())) {
                classPath = file.getManifest() == null ? null
                        : file.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            }
            if (classPath != null && !classPath.isBlank()) {
                return Stream.concat(Stream.of(jar), Stream.of(classPath.strip().split("\\s+"))
                        .map(entry -> jar.resolveSibling(entry).normalize()).filter(Files::isRegularFile)).toList();
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

    /**
     * A jar dropped into the library by hand is on every daemon's class path but no stack is laid out for it: said
     * on stderr (the install goes on), with where a third-party stack goes instead.
     */
    private void warnOfForeignJars(StackLibrary library, List<Path> own) {
        java.util.Set<String> names = new java.util.HashSet<>();
        own.forEach(j -> names.add(j.getFileName().toString()));
        try (Stream<Path> files = Files.list(library.dir())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                if (!names.contains(p.getFileName().toString())) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(CommandLines.NAME + ": warning: " + p + " is not one of this tool's jars: a third-party"
                            + " stack goes in a directory of its own under " + StackCatalog.DEFAULT_STACKS_DIR
                            + " (packagers.md, the door)");
                    err.flush();
                }
            }
        } catch (IOException e) {
            // the library was just placed; a listing that fails now only loses the warning
        }
    }
}
