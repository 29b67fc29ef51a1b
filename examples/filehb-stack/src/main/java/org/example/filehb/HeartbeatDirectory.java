package org.example.filehb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import org.xcp.clusterstack.api.HaUuid;

/**
 * The shared heartbeat directory: one file per host, named by its host UUID, that only that host writes. A
 * heartbeat is one line, {@code filehb 1 <host> <run> <count>}: the run is new at every start, so that a host that
 * starts again never writes a line a peer saw before. A heartbeat is written to a temporary file and renamed over
 * the host's file, so that a reader sees the old line or the new one, never half of one (rename is atomic on a
 * local filesystem, NFS, GFS2 and OCFS2).
 */
final class HeartbeatDirectory {
    static final String FORMAT = "filehb 1";
    /** More than this is not a heartbeat: only this much is read. */
    static final int MAX_BEAT = 256;

    private final Path directory;
    private final HaUuid local;
    private final String run = UUID.randomUUID().toString();
    private long count;

    HeartbeatDirectory(Path directory, HaUuid local) {
        this.directory = directory;
        this.local = local;
    }

    Path directory() {
        return directory;
    }

    HaUuid localHost() {
        return local;
    }

    Path fileOf(HaUuid host) {
        return directory.resolve(host.dashed());
    }

    /** Writes this host's next heartbeat. */
    void beat() throws IOException {
        Path file = fileOf(local);
        Path temporary = directory.resolve("." + local.dashed() + ".new");
        count++;
        Files.writeString(temporary, FORMAT + " " + local.dashed() + " " + run + " " + count + "\n",
                StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temporary + " over " + file + " atomically: " + e.getMessage(), e);
        }
    }

    /** A peer's last heartbeat; empty while it has written none. */
    Optional<String> read(HaUuid host) throws IOException {
        byte[] bytes;
        try (var in = Files.newInputStream(fileOf(host))) {
            bytes = in.readNBytes(MAX_BEAT);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        return Optional.of(new String(bytes, StandardCharsets.US_ASCII));
    }

    /** Removes this host's temporary file, if a write was cut short. */
    void clean() {
        try {
            Files.deleteIfExists(directory.resolve("." + local.dashed() + ".new"));
        } catch (IOException e) {
            // a leftover temporary file is overwritten by the next start
        }
    }
}
