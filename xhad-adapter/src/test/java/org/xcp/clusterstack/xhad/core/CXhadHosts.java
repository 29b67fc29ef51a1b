package org.xcp.clusterstack.xhad.core;

import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;

/** Simulated C xhad hosts for mixed pools: our core with {@link CXhadFaultHandler}, xhad's fault handler. */
public final class CXhadHosts {
    private CXhadHosts() {
    }

    public static XhadCore core(DaemonConfig config, GlobalSection global, boolean excluded, long now) {
        return new XhadCore(config, global, excluded, now, CXhadFaultHandler::new);
    }
}
