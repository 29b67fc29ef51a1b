package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.ExitCodeTables;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestWriter;
import org.xcp.clusterstack.api.spi.StackManifest;
import org.xcp.clusterstack.control.Verb;

/**
 * Lays out {@code <root>/<stack>/}: the eight {@code ha_*} scripts, the rc files, {@code manifest.xml},
 * {@code ha_supported_srs} where the stack declares one, and the jars under {@code lib/}. Every file is
 * written atomically; the list of what was written is kept in {@code .installed}, so installing again
 * replaces those files and removes only those it no longer ships, never anything else.
 */
public final class StackInstaller {
    static final String RECORD = ".installed";
    /**
     * The client's jar; it names the jars it needs in its manifest's {@code Class-Path} (its build allows only
     * the api, common and control), and those are the shims' whole class path. The daemon gets all of {@code lib/}.
     */
    static final String CLIENT_JAR_PREFIX = "cluster-stack-client-";

    static final String CLIENT_ARCHIVE = "lib/client.jsa";
    /** A one-host config for the archive's training run; no daemon answers, so the run ends with 14. */
    private static final String TRAINING_CONFIG = """
            <?xml version="1.0" encoding="utf-8"?>
            <xhad-config version="1.0"><common-config>
            <GenerationUUID>00000000-0000-4000-8000-000000000000</GenerationUUID><UDPport>694</UDPport>
            <host><HostID>00000000-0000-4000-8000-000000000001</HostID><IPaddress>127.0.0.1</IPaddress></host>
            </common-config><local-config><localhost>
            <HostID>00000000-0000-4000-8000-000000000001</HostID><HeartbeatInterface>lo</HeartbeatInterface>
            <StateFile>%s</StateFile></localhost></local-config></xhad-config>
            """;

    private final Path root;
    private final Path runBase;
    private final Path logBase;
    private final Path java;
    private final List<Path> jars;

    /** Installs under {@code root}, for daemons with run-time files under {@code runBase}, logs under {@code logBase}. */
    public StackInstaller(Path root, Path runBase, Path logBase, Path java, List<Path> jars) {
        this.root = root.toAbsolutePath().normalize();
        this.runBase = runBase.toAbsolutePath().normalize();
        this.logBase = logBase.toAbsolutePath().normalize();
        this.java = java;
        this.jars = List.copyOf(jars);
    }

    /** Installs one stack and returns its directory. */
    public Path install(StackManifest manifest, String version) {
        Path dir = root.resolve(manifest.name());
        try {
            Files.createDirectories(dir.resolve("lib"));
            Set<String> previous = readRecord(dir);
            Set<String> written = new LinkedHashSet<>();
            for (Path jar : jars) {
                String name = "lib/" + jar.getFileName();
                copy(jar, dir.resolve(name));
                written.add(name);
            }
            List<String> clientJars = ClientClassPath.of(jars).stream().map(j -> "lib/" + j).toList();
            String clientMain = ClientClassPath.mainClass(jars);
            List<String> clientPath = clientJars.stream().map(j -> dir.resolve(j).toString()).toList();
            write(dir, ExitCodeTables.RC_FILE_NAME, ExitCodeTables.shellRc(), false, written);
            write(dir, ShimTemplates.ENV_RC, ShimTemplates.env(manifest.name(), java, clientJars, runBase, logBase),
                    false,
                    written);
            write(dir, ShimTemplates.COMMON_RC, ShimTemplates.common(clientMain), false, written);
            for (HaScript script : HaScript.values()) {
                write(dir, script.fileName(), ShimTemplates.script(script), true, written);
            }
            write(dir, ManifestDocument.FILE_NAME, ManifestWriter.render(StackManifests.forProvider(manifest, version)),
                    false, written);
            if (manifest.supportedSrs().isPresent()) {
                write(dir, "ha_supported_srs", String.join("\n", manifest.supportedSrs().get()) + "\n", false,
                        written);
            }
            archiveClientClasses(dir, String.join(":", clientPath), clientMain, manifest.name());
            written.add(CLIENT_ARCHIVE);
            for (String old : previous) {
                if (!written.contains(old)) {
                    Files.deleteIfExists(dir.resolve(old)); // ours, from an earlier install, no longer shipped
                }
            }
            atomicWrite(dir.resolve(RECORD), String.join("\n", written) + "\n", false);
            return dir;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot install stack " + manifest.name() + " in " + dir
                    + ": " + e);
        }
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
    public void checkPassthrough(String name, Path legacyDir) {
        checkLegacy(legacyDir.toAbsolutePath().normalize(), root.resolve(name));
    }

    public Path installPassthrough(StackManifest manifest, String version, Path legacyDir) {
        Path dir = root.resolve(manifest.name());
        Path legacy = legacyDir.toAbsolutePath().normalize();
        checkLegacy(legacy, dir);
        try {
            Files.createDirectories(dir);
            Set<String> previous = readRecord(dir);
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
            ManifestDocument own = StackManifests.forProvider(manifest, version);
            write(dir, ManifestDocument.FILE_NAME, ManifestWriter.render(new ManifestDocument(own.name(), version,
                    "the C xhad installed in " + legacy + ", its scripts forwarded", own.fencing(),
                    own.optionalScripts(), srs, own.timeouts())), false, written);
            for (String old : previous) {
                if (!written.contains(old)) {
                    Files.deleteIfExists(dir.resolve(old));
                }
            }
            atomicWrite(dir.resolve(RECORD), String.join("\n", written) + "\n", false);
            return dir;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot install stack " + manifest.name() + " in " + dir
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

    /**
     * A class-data-sharing archive of what the scripts' client loads, made by running it once: a cold JVM
     * then starts it tens of milliseconds sooner. The JVM ignores an archive that no longer matches its
     * jars or itself, so a stale one only costs that time back.
     */
    private void archiveClientClasses(Path dir, String clientClassPath, String clientMain, String stack)
            throws IOException {
        Path work = Files.createTempDirectory("cluster-stack-cds");
        Path archive = dir.resolve(CLIENT_ARCHIVE);
        Path tmp = archive.resolveSibling("client.jsa.tmp");
        try {
            Path config = work.resolve("xhad.conf");
            Files.writeString(config, TRAINING_CONFIG.formatted(work.resolve("statefile")));
            Files.deleteIfExists(tmp);
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(ShimTemplates.CLIENT_JVM);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", clientClassPath, clientMain,
                    "--stack", stack, "--run-base", work.toString(), Verb.PROPOSE_MASTER.word(), "-C",
                    config.toString()));
            Process training = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!training.waitFor(60, TimeUnit.SECONDS)) {
                training.destroyForcibly();
            }
            if (Files.isRegularFile(tmp)) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Files.deleteIfExists(tmp);
            try (var files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Set<String> readRecord(Path dir) throws IOException {
        Path record = dir.resolve(RECORD);
        if (!Files.exists(record)) {
            return Set.of();
        }
        return Files.readAllLines(record).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.contains("..") && !l.startsWith("/"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static void write(Path dir, String name, String content, boolean executable, Set<String> written)
            throws IOException {
        atomicWrite(dir.resolve(name), content, executable);
        written.add(name);
    }

    private static void atomicWrite(Path target, String content, boolean executable) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void copy(Path source, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
