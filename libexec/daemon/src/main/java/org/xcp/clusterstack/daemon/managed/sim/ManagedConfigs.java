package org.xcp.clusterstack.daemon.managed.sim;

import java.nio.file.Path;
import java.util.List;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.config.WatchdogMode;

/** One xhad.conf per host of an n-host pool, as xapi writes them for HA timeout T; host i has the i-th UUID. */
final class ManagedConfigs {
    static final HaUuid GENERATION = HaUuid.parse("5a1e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a");
    static final HaUuid OTHER_GENERATION = HaUuid.parse("0b0e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a");

    private ManagedConfigs() {
    }

    /** xapi's eight timings for HA timeout T (spec §3.5). */
    static DaemonParameters xapi(int haTimeout) {
        return DaemonConfig.builder().generation(GENERATION).haTimeout(haTimeout).host(hostId(0), "127.0.6.11")
                .heartbeatInterface("lo").stateFile(Path.of("/nonexistent/simulated/statefile"))
                .watchdogMode(WatchdogMode.NONE).buildForEachHost().get(0).parameters();
    }

    static List<DaemonConfig> pool(int hosts, DaemonParameters parameters) {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(GENERATION);
        parameters.values().forEach(b::parameter);
        b.heartbeatInterface("lo").stateFile(Path.of("/nonexistent/simulated/statefile"))
                .watchdogMode(WatchdogMode.NONE);
        for (int i = hosts - 1; i >= 0; i--) {
            b.host(hostId(i), "127.0.6." + (11 + i));
        }
        List<DaemonConfig> configs = b.buildForEachHost();
        for (int i = 0; i < hosts; i++) {
            if (configs.get(i).localHost().index() != i) {
                throw new IllegalStateException("host " + i + " was given index " + configs.get(i).localHost().index());
            }
        }
        return configs;
    }

    static HaUuid hostId(int i) {
        return HaUuid.parse(String.format("%08x-0000-4000-8000-%012x", 0x10 * (i + 1), i + 1));
    }
}
