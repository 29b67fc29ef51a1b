package org.xcp.clusterstack.api.config;

import java.net.InetAddress;
import java.util.Objects;
import org.xcp.clusterstack.api.HaUuid;

/**
 * One {@code <host>} of {@code common-config}: its UUID, its index (position after sorting by UUID, spec
 * §3.3) and its heartbeat address.
 */
public record ConfiguredHost(HaUuid id, int index, InetAddress address) {
    public ConfiguredHost {
        Objects.requireNonNull(id);
        Objects.requireNonNull(address);
        if (index < 0 || index >= DaemonConfig.MAX_HOSTS) {
            throw new IllegalArgumentException("host index " + index + " is outside 0..63");
        }
    }
}
