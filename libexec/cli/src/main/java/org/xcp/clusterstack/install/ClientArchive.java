package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.control.Verb;

/**
 * The class-data-sharing archive of what the scripts' client loads, one for every stack
 * ({@link StackLibrary#archive()}), made by running the client once: a cold JVM then starts it tens of
 * milliseconds sooner. The JVM ignores an archive that no longer matches its jars or itself (the shims ask for it
 * with {@code -Xshare:auto}), so a stale or missing one only costs that time back. JDK 17 refuses an archive whose
 * jars moved, which is why a package makes it where it installs (its {@code %post}), not at build time.
 */
public final class ClientArchive {
    /** A one-host config for the training run; no daemon answers, so the run ends with 14. */
    private static final String TRAINING_CONFIG = """
            <?xml version="1.0" encoding="utf-8"?>
            <xhad-config version="1.0"><common-config>
            <GenerationUUID>00000000-0000-4000-8000-000000000000</GenerationUUID><UDPport>694</UDPport>
            <host><HostID>00000000-0000-4000-8000-000000000001</HostID><IPaddress>127.0.0.1</IPaddress></host>
            </common-config><local-config><localhost>
            <HostID>00000000-0000-4000-8000-000000000001</HostID><HeartbeatInterface>lo</HeartbeatInterface>
            <StateFile>%s</StateFile></localhost></local-config></xhad-config>
            """;

    private ClientArchive() {
    }

    /**
     * (Re)makes {@code library}'s archive with {@code java}, atomically: installs running at once (a test suite's)
     * each train in a file of their own and the last rename wins. Returns the archive, or empty if the JVM made
     * none (a JVM without class-data sharing).
     */
    public static Optional<Path> make(Path java, StackLibrary library) {
        Path archive = library.archive();
        Path tmp = archive.resolveSibling(CLIENT_ARCHIVE_TMP_PREFIX + ProcessHandle.current().pid() + "."
                + System.nanoTime() + ".tmp");
        Path work = null;
        try {
            Files.createDirectories(archive.getParent());
            work = Files.createTempDirectory("cluster-stack-cds");
            Path config = work.resolve("xhad.conf");
            Files.writeString(config, TRAINING_CONFIG.formatted(work.resolve("statefile")));
            List<String> command = new ArrayList<>(List.of(java.toString()));
            command.addAll(ShimTemplates.CLIENT_JVM);
            command.addAll(List.of("-XX:ArchiveClassesAtExit=" + tmp, "-cp", library.clientClassPath(),
                    library.clientMain(), "--stack", "xhad", "--run-base", work.toString(), Verb.PROPOSE_MASTER.word(),
                    "-C", config.toString()));
            Process training = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!training.waitFor(60, TimeUnit.SECONDS)) {
                training.destroyForcibly();
                training.waitFor();
            }
            if (!Files.isRegularFile(tmp)) {
                return Optional.empty();
            }
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Optional.of(archive);
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot make the scripts' class-data archive " + archive
                    + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } finally {
            cleanUp(tmp, work);
        }
    }

    private static final String CLIENT_ARCHIVE_TMP_PREFIX = "." + StackLibrary.CLIENT_ARCHIVE + ".";

    private static void cleanUp(Path tmp, Path work) {
        try {
            Files.deleteIfExists(tmp);
            if (work != null) {
                try (var files = Files.walk(work)) {
                    for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        } catch (IOException e) {
            // a temporary file left in /tmp is not worth failing an install for
        }
    }
}
