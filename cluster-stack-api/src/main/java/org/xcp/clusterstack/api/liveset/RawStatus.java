package org.xcp.clusterstack.api.liveset;

import java.util.List;
import java.util.Objects;

/** {@code <raw_status_on_local_host>}: the local daemon's latencies and its view of every host. */
public record RawStatus(Latency statefile, Latency heartbeat, Latency xapiHealthcheck, List<HostRawData> hosts) {
    public RawStatus {
        Objects.requireNonNull(statefile, "statefile");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(xapiHealthcheck, "xapiHealthcheck");
        hosts = List.copyOf(hosts);
    }
}
