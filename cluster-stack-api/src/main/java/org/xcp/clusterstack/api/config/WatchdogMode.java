package org.xcp.clusterstack.api.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the daemon fences (spec §3.2 {@code WatchdogMode}, §7.4). xapi never writes the element, so real pools
 * run {@link #HYPERVISOR}; {@link #USER} and {@link #NONE} are for tests: a self-fence ends the daemon's
 * process instead of resetting the host.
 */
public enum WatchdogMode {
    HYPERVISOR,
    USER,
    NONE;

    public static Optional<WatchdogMode> fromConfigValue(String value) {
        return Arrays.stream(values()).filter(m -> m.name().equals(value)).findFirst();
    }
}
