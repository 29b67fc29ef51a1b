package org.xcp.clusterstack.poolstatus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long the storage under the statefile may hold an I/O before it answers (a path failover), and where that
 * was read. Empty {@code timeout} with {@code unbounded} means it may queue I/O for ever ({@code queue}).
 */
public record StorageTimeout(Optional<Duration> timeout, boolean unbounded, String source) {
    public StorageTimeout {
        Objects.requireNonNull(timeout);
        Objects.requireNonNull(source);
    }

    public static StorageTimeout of(Duration timeout, String source) {
        return new StorageTimeout(Optional.of(timeout), false, source);
    }

    public static StorageTimeout forever(String source) {
        return new StorageTimeout(Optional.empty(), true, source);
    }

    /** Whether a timeout of {@code limit} can run out while the storage still fails over. */
    public boolean exceeds(Duration limit) {
        return unbounded || timeout.map(t -> t.compareTo(limit) > 0).orElse(false);
    }

    public String describe() {
        return unbounded ? "unbounded (I/O queues until a path returns)" : timeout.orElseThrow().toSeconds() + " s";
    }
}
