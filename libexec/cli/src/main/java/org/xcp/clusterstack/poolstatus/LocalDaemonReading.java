package org.xcp.clusterstack.poolstatus;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * This host's daemon as its STATUS reply tells it ({@code cluster-stack status}): its state (Online, Starting or
 * absent when nothing answers), its fencing (armed, disarmed, or "by" a cluster manager) and when its process
 * started (for a host Starting past its join timeout).
 */
public record LocalDaemonReading(String state, OptionalLong pid, String fencing, Optional<Instant> startedAt) {
    public LocalDaemonReading {
        Objects.requireNonNull(state);
        Objects.requireNonNull(pid);
        Objects.requireNonNull(fencing);
        Objects.requireNonNull(startedAt);
    }

    public static LocalDaemonReading absent() {
        return new LocalDaemonReading("absent", OptionalLong.empty(), "disarmed", Optional.empty());
    }

    public boolean running() {
        return pid.isPresent();
    }

    public boolean online() {
        return state.equalsIgnoreCase("online");
    }

    public boolean starting() {
        return state.equalsIgnoreCase("starting");
    }

    /** Armed, disarmed, or empty when no daemon runs or a cluster manager fences instead of this daemon. */
    public Optional<Boolean> armed() {
        if (!running()) {
            return Optional.empty();
        }
        if (fencing.equals("armed")) {
            return Optional.of(true);
        }
        return fencing.equals("disarmed") ? Optional.of(false) : Optional.empty();
    }
}
