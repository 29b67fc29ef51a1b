package org.xcp.clusterstack.xhad;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * Notices a rotation step copied onto this host: the key file is looked at (one {@code stat}) at most once per
 * {@code every}, and read again only when its size, time or inode changed. A file that became unreadable or
 * invalid is logged once and changes nothing: the daemon keeps the keys it has, since a pool whose hosts drop
 * their keys one by one would fall apart.
 */
final class KeyFileWatch {
    private final Path file;
    private final long everyNanos;
    private final EngineLog log;
    private Object seen;
    private long lookedAt;
    private String lastComplaint = "";

    KeyFileWatch(Path file, long everyNanos, EngineLog log, long now) {
        this.file = Objects.requireNonNull(file);
        this.everyNanos = everyNanos;
        this.log = log;
        this.seen = stamp();
        this.lookedAt = now;
    }

    /** New keys if the file changed into a valid key file since the last look. */
    Optional<HeartbeatKeys> changed(long now) {
        if (now - lookedAt < everyNanos) {
            return Optional.empty();
        }
        lookedAt = now;
        Object stamp = stamp();
        if (Objects.equals(stamp, seen)) {
            return Optional.empty();
        }
        try {
            HeartbeatKeys keys = HeartbeatKeyFile.read(file);
            seen = stamp;
            lastComplaint = "";
            return Optional.of(keys);
        } catch (HaException e) {
            if (!e.getMessage().equals(lastComplaint)) {
                log.warn("the heartbeat key file changed but cannot be used, keeping the keys in use: "
                        + e.getMessage());
                lastComplaint = e.getMessage();
            }
            return Optional.empty();
        }
    }

    /** Size, modification time and file key (inode): what a copy or an atomic replace changes. */
    private Object stamp() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.size() + "/" + a.lastModifiedTime().toMillis() + "/" + a.fileKey();
        } catch (IOException e) {
            return "missing";
        }
    }
}
