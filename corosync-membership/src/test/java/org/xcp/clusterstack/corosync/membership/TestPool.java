package org.xcp.clusterstack.corosync.membership;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.spi.ForbiddenFencer;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;

/** Pools whose host UUIDs are the captured nodes' names, and stack contexts around them. */
final class TestPool {
    private TestPool() {
    }

    /** The name of corosync node {@code n} in the captures: {@code 0000100N-0000-4000-8000-00000000000N}. */
    static HaUuid node(int n) {
        return HaUuid.parse(String.format("%08x-0000-4000-8000-%012x", 0x1000 + n, n));
    }

    /** A pool of nodes 1..{@code hosts} as seen from node {@code local}. */
    static DaemonConfig of(int hosts, int local) {
        List<HaUuid> ids = new ArrayList<>();
        for (int n = 1; n <= hosts; n++) {
            ids.add(node(n));
        }
        return of(ids, node(local));
    }

    static DaemonConfig of(List<HaUuid> hosts, HaUuid local) {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse("9".repeat(32)))
                .heartbeatInterface("xenbr0").stateFile(Path.of("/dev/null"));
        for (int i = 0; i < hosts.size(); i++) {
            b.host(hosts.get(i), "10.99.0." + (i + 1));
        }
        return b.build(local);
    }

    /** A context whose log lines land in {@code log}. */
    static StackContext context(DaemonConfig config, Map<String, String> settings, List<String> log) {
        List<String> lines = Collections.synchronizedList(log);
        return new StackContext(config, ForbiddenFencer.INSTANCE, lines::add, () -> { }, FaultPoints.none(),
                StackSettings.of(Path.of("/etc/xensource/cluster-stack/corosync.conf"), settings));
    }
}
