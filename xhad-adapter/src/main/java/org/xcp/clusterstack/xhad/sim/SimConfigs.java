package org.xcp.clusterstack.xhad.sim;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.config.DaemonConfigReader;

/**
 * One xhad.conf per host of an n-host pool, written by the writer xapi's layout comes from (same
 * common-config, each host's own local-config) and read by the daemon's own reader. Hosts are added in
 * reverse UUID order so that the index by sorted UUID (spec §3.3) is exercised: host {@code i} has the
 * i-th smallest UUID.
 */
final class SimConfigs {
    static final String GENERATION = "5a1e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a";
    private static final String STATEFILE = "/nonexistent/simulated/statefile"; // never opened

    private SimConfigs() {
    }

    static List<DaemonConfig> pool(int hosts) {
        return pool(hosts, SimTimeouts.SHORT);
    }

    static List<DaemonConfig> pool(int hosts, SimTimeouts t) {
        DaemonConfigBuilder pool = DaemonConfig.builder().generation(HaUuid.parse(GENERATION))
                .parameter(Parameter.HEARTBEAT_INTERVAL, seconds(t.t1())).parameter(Parameter.HEARTBEAT_TIMEOUT, seconds(t.bigT1()))
                .parameter(Parameter.STATEFILE_INTERVAL, seconds(t.t2())).parameter(Parameter.STATEFILE_TIMEOUT, seconds(t.bigT2()))
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, seconds(t.wh()))
                .parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, seconds(t.ws()))
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, seconds(t.tboot()))
                .parameter(Parameter.ENABLE_JOIN_TIMEOUT, seconds(t.tenable()))
                .heartbeatInterface("lo").stateFile(Path.of(STATEFILE)).watchdogMode(WatchdogMode.NONE);
        for (int i = hosts - 1; i >= 0; i--) {
            pool.host(HaUuid.parse(hostId(i)), "127.0.0." + (11 + i));
        }
        List<DaemonConfig> configs = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            DaemonConfig c = DaemonConfigReader.parse(DaemonConfigWriter.render(pool.build(HaUuid.parse(hostId(i))))
                    .getBytes(StandardCharsets.UTF_8), "simulated host " + i);
            if (c.localHost().index() != i) {
                throw new IllegalStateException("host " + i + " was given index " + c.localHost().index());
            }
            configs.add(c);
        }
        return configs;
    }

    static String hostId(int i) {
        return String.format("%08x-0000-4000-8000-%012x", 0x10 * (i + 1), i + 1);
    }

    private static int seconds(Duration d) {
        return Math.toIntExact(d.toSeconds());
    }
}
