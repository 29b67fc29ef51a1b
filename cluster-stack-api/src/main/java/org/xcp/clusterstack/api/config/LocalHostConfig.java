package org.xcp.clusterstack.api.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;

/** {@code local-config/localhost}: who this host is and where its heartbeat and statefile are. */
public record LocalHostConfig(
        HaUuid hostId,
        String heartbeatInterface,
        Optional<String> heartbeatPhysicalInterface,
        Path stateFile,
        WatchdogMode watchdogMode) {

    /** xhad keeps interface names in 64-byte buffers and cuts longer ones (spec §3.4). */
    public static final int MAX_INTERFACE_LENGTH = 63;
    /** xhad keeps the watchdog mode in a 16-byte buffer. */
    public static final int MAX_WATCHDOG_MODE_LENGTH = 15;

    public LocalHostConfig {
        Objects.requireNonNull(hostId);
        Objects.requireNonNull(heartbeatInterface);
        Objects.requireNonNull(heartbeatPhysicalInterface);
        Objects.requireNonNull(stateFile);
        Objects.requireNonNull(watchdogMode);
    }
}
