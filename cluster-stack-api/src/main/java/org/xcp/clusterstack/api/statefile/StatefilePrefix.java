package org.xcp.clusterstack.api.statefile;

import java.util.List;
import java.util.Objects;

/**
 * The used front of a statefile: the global section and the sections of hosts 0..n-1, as one
 * {@link StatefileDevice#readPrefix} transfer found them.
 */
public record StatefilePrefix(GlobalSection global, List<HostSection> hosts) {

    public StatefilePrefix {
        Objects.requireNonNull(global, "global");
        hosts = List.copyOf(hosts);
    }
}
