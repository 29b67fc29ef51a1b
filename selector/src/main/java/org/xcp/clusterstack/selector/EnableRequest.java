package org.xcp.clusterstack.selector;

import java.util.List;
import java.util.Objects;

/**
 * The parameters of {@code Pool.enable_ha} the selector reads: the requested stack (I5, {@code ""} lets the
 * selector choose) and the heartbeat SRs (I6, only the first one is used).
 */
public record EnableRequest(String clusterStack, List<String> heartbeatSrs) {
    public EnableRequest {
        Objects.requireNonNull(clusterStack, "clusterStack");
        heartbeatSrs = List.copyOf(heartbeatSrs);
    }

    /** Automatic choice, and let the scan pick the statefile SR. */
    public static EnableRequest automatic() {
        return new EnableRequest("", List.of());
    }

    public boolean isAutomatic() {
        return clusterStack.isEmpty();
    }
}
