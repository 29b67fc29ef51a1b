package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.ExitCodeTables;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestWriter;
import org.xcp.clusterstack.api.spi.StackManifest;

/**
 * Lays out {@code <root>/<stack>/}: the eight {@code ha_*} scripts, the rc files, {@code manifest.xml} and
 * {@code ha_supported_srs} where the stack declares one, and no jar: {@code ha_env.rc} names the shared
 * {@link StackLibrary} relative to the stack's directory (and, for a stack behind the door, its own jars), so an
 * installed tree can move. Every file is written atomically; the list of what was written is kept in
 * {@code .installed}, so installing again replaces those files and removes only those it no longer ships (the
 * jars an earlier layout copied into {@code <stack>/lib/}), never anything else.
 */
public final class StackInstaller {
    static final String RECORD = InstallRecord.FILE_NAME;
    /**
     * The client's jar; it names the jars it needs in its manifest's {@code Class-Path} (its build allows only
     * the api, common and control), and those are the shims' whole class path. The daemon gets all of the library.
     */
    static final String CLIENT_JAR_PREFIX = "cluster-stack-client-";

    static final String CLIENT_ARCHIVE = StackLibrary.CLIENT_ARCHIVE;

    private final Path root;
    private final Path runBase;
    private final Path logBase;
    private final Path java;
    private final StackLibrary library;

    /** Installs under {@code root}, for daemons with run-time files under {@code runBase}, logs under {@code logBase}. */
    public StackInstaller(Path root, Path runBase, Path logBase, Path java, StackLibrary library) {
        this.root = root.toAbsolutePath().normalize();
        this.runBase = runBase.toAbsolutePath().normalize();
        this.logBase = logBase.toAbsolutePath().normalize();
        this.java = java;
        this.library = library;
    }

    /** Installs for stacks whose jars stay where they are ({@link StackLibrary#inPlace}). */
    public StackInstaller(Path root, Path runBase, Path logBase, Path java, List<Path> jars) {
        this(root, runBase, logBase, java, StackLibrary.inPlace(jars));
    }

    /**
     * Exit 1, before anything is written, if a path the stacks' {@code ha_env.rc} would name (their directories, the
     * library, a door stack's jars) has a character the scripts cannot name plainly.
     */
    public static void checkPaths(Path root, Path library, List<FoundStack> stacks) {
        for (FoundStack stack : stacks) {
            ShimPaths.check(root.toAbsolutePath().normalize().resolve(stack.name()), library, stack.jars());
        }
    }

    /** Installs one in-tree stack and returns its directory. */
    public Path install(StackManifest manifest, String version) {
        return install(FoundStack.inTree(StackManifests.forProvider(manifest, version)));
    }

    /** Installs one stack, in-tree or behind the door, and returns its directory. */
    public Path install(FoundStack stack) {
        Path dir = root.resolve(stack.name());
        try {
            ShimPaths.check(dir, library.dir(), stack.jars());
            Files.createDirectories(dir);
            Set<String> previous = InstallRecord.read(dir);
            Set<String> written = new LinkedHashSet<>();
            String lib = ShimPaths.relative(dir, library.dir());
            List<String> stackJars = stack.jars().stream().map(j -> ShimPaths.relative(dir, j)).toList();
            write(dir, ExitCodeTables.RC_FILE_NAME, ExitCodeTables.shellRc(), false, written);
            write(dir, ShimTemplates.ENV_RC, ShimTemplates.env(stack.name(), java, lib, library.clientJarNames(),
                    stackJars, runBase, logBase), false, written);
            write(dir, ShimTemplates.COMMON_RC, ShimTemplates.common(library.clientMain()), false, written);
            for (HaScript script : HaScript.values()) {
                write(dir, script.fileName(), ShimTemplates.script(script), true, written);
            }
            write(dir, ManifestDocument.FILE_NAME, ManifestWriter.render(stack.manifest()), false, written);
            if (stack.manifest().supportedSrs().isPresent()) {
                write(dir, "ha_supported_srs", String.join("\n", stack.manifest().supportedSrs().get()) + "\n", false,
                        written);
            }
            InstallRecord.removeNoLongerWritten(dir, previous, written);
            InstallRecord.write(dir, written);
            return dir;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot install stack " + stack.name() + " in " + dir
                    + ": " + e);
        }
    }

    /** The scripts' class-data archive every stack shares ({@link ClientArchive}), (re)made for this install's java. */
    public Optional<Path> archiveClientClasses() {
        return ClientArchive.make(java, library);
    }

    /**
     * Installs {@code <root>/<stack>/} as a passthrough to an existing C xhad installation (the design's
     * migration of xhad's tools under the root): each of the eight scripts adds {@code legacyDir} to PATH
     * (xhad's scripts look for its {@code ha_null} there) and {@code exec}s xhad's own script of that name, so
     * stdout, stderr and the exit code are xhad's, untouched. Its {@code ha_supported_srs} is copied if it has
     * one. What an earlier native install wrote (the jars, the rc files) is removed, nothing else.
     */
    /**
     * Checks that {@code legacyDir} is a C xhad installation the stack {@code name} may forward to (exit 1 if
     * not), without writing anything: an install checks it before it lays out any stack.
     */
    public static void checkPassthrough(Path root, String name, Path legacyDir) {
        checkLegacy(legacyDir.toAbsolutePath().normalize(), root.toAbsolutePath().normalize().resolve(name));
    }

    public Path installPassthrough(ManifestDocument own, String version, Path legacyDir) {
        Path dir = root.resolve(own.name());
        Path legacy = legacyDir.toAbsolutePath().normalize();
        checkLegacy(legacy, dir);
        try {
            Files.createDirectories(dir);
            Set<String> previous = InstallRecord.read(dir);
            Set<String> written = new LinkedHashSet<>();
            for (HaScript script : HaScript.values()) {
                write(dir, script.fileName(), ShimTemplates.passthrough(script, legacy), true, written);
            }
            Optional<List<String>> srs = Optional.empty();
            Path legacySrs = legacy.resolve("ha_supported_srs");
            String text = Files.isRegularFile(legacySrs) ? Files.readString(legacySrs).strip() : "";
            if (!text.isEmpty()) { // an empty one (no SR type at all) would make no sense to pass on
                srs = Optional.of(List.of(text.split("\\s+")));
                write(dir, "ha_supported_srs", text + "\n", false, written);
            }
            write(dir, ManifestDocument.FILE_NAME, ManifestWriter.render(new ManifestDocument(own.name(), version,
                    "the C xhad installed in " + legacy + ", its scripts forwarded", own.fencing(),
                    own.optionalScripts(), srs, own.timeouts())), false, written);
            InstallRecord.removeNoLongerWritten(dir, previous, written);
            InstallRecord.write(dir, written);
            return dir;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot install stack " + own.name() + " in " + dir
                    + ": " + e);
        }
    }

    private static void checkLegacy(Path legacy, Path dir) {
        if (legacy.toString().matches(".*['\\n\\\\].*")) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "--legacy-xhad " + legacy + ": quotes, backslashes and"
                    + " newlines are not allowed in the path");
        }
        if (legacy.equals(dir.toAbsolutePath().normalize())) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "--legacy-xhad " + legacy + " is the directory the"
                    + " passthrough goes to: it would forward to itself");
        }
        for (HaScript script : HaScript.values()) {
            Path p = legacy.resolve(script.fileName());
            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "--legacy-xhad " + legacy + " is not an xhad"
                        + " installation: no executable " + script.fileName());
            }
        }
    }

    private static void write(Path dir, String name, String content, boolean executable, Set<String> written)
            throws IOException {
        InstallRecord.atomicWrite(dir.resolve(name), content, executable);
        written.add(name);
    }
}
