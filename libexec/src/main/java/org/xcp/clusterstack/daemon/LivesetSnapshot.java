package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Supplier;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetWriter;

/**
 * The liveset file {@code ha_query_liveset} prints without starting a JVM. The daemon rewrites it
 * atomically on every change and at least every {@link #REFRESH_MS} ms; the script trusts it only while the
 * daemon's pid is alive and the file is younger than {@link #MAX_AGE_SECONDS}, so a dead or hung daemon
 * never yields a stale liveset (the script then asks the daemon itself, which answers or times out).
 */
final class LivesetSnapshot {
    static final long REFRESH_MS = 2000;
    /** Must match the shell test in ha_common.rc ({@code find -mmin -0.084}: 5 s). */
    static final int MAX_AGE_SECONDS = 5;

    private final Path file;
    private final Supplier<Liveset> liveset;
    private final DaemonLog log;

    LivesetSnapshot(Path file, Supplier<Liveset> liveset, DaemonLog log) {
        this.file = file;
        this.liveset = liveset;
        this.log = log;
    }

    synchronized void publish() {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, LivesetWriter.write(liveset.get()), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.warn("cannot publish the liveset snapshot: " + e);
        }
    }

    synchronized void withdraw() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("cannot remove the liveset snapshot: " + e);
        }
    }
}
