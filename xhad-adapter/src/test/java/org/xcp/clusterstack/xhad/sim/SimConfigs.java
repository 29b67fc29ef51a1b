package org.xcp.clusterstack.xhad.sim;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;

/**
 * One xhad.conf per host of an n-host pool, written as xapi writes them (same common-config, each host's
 * own local-config) and read by the daemon's own reader. Hosts are listed in reverse UUID order so that
 * the index by sorted UUID (spec §3.3) is exercised: host {@code i} has the i-th smallest UUID.
 */
final class SimConfigs {
    static final String GENERATION = "5a1e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a";
    private static final String STATEFILE = "/nonexistent/simulated/statefile"; // never opened

    private SimConfigs() {
    }

    static List<DaemonConfig> pool(int hosts) {
        return pool(hosts, SimTimeouts.SHORT);
    }

    static List<DaemonConfig> pool(int hosts, SimTimeouts timeouts) {
        List<DaemonConfig> configs = new ArrayList<>(hosts);
        for (int i = 0; i < hosts; i++) {
            DaemonConfig c = DaemonConfigReader.parse(document(hosts, i, timeouts).getBytes(StandardCharsets.UTF_8),
                    "simulated host " + i);
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

    private static String document(int hosts, int local, SimTimeouts t) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="utf-8"?>
                <xhad-config version="1.0">
                  <common-config>
                    <GenerationUUID>%s</GenerationUUID>
                    <UDPport>694</UDPport>
                """.formatted(GENERATION));
        for (int i = hosts - 1; i >= 0; i--) {
            xml.append("    <host><HostID>%s</HostID><IPaddress>127.0.0.%d</IPaddress></host>%n"
                    .formatted(hostId(i), 11 + i));
        }
        xml.append("""
                    <parameters>
                      <HeartbeatInterval>%d</HeartbeatInterval>
                      <HeartbeatTimeout>%d</HeartbeatTimeout>
                      <StateFileInterval>%d</StateFileInterval>
                      <StateFileTimeout>%d</StateFileTimeout>
                      <HeartbeatWatchdogTimeout>%d</HeartbeatWatchdogTimeout>
                      <StateFileWatchdogTimeout>%d</StateFileWatchdogTimeout>
                      <BootJoinTimeout>%d</BootJoinTimeout>
                      <EnableJoinTimeout>%d</EnableJoinTimeout>
                    </parameters>
                  </common-config>
                  <local-config>
                    <localhost>
                      <HostID>%s</HostID>
                      <HeartbeatInterface>lo</HeartbeatInterface>
                      <StateFile>%s</StateFile>
                      <WatchdogMode>NONE</WatchdogMode>
                    </localhost>
                  </local-config>
                </xhad-config>
                """.formatted(t.t1().toSeconds(), t.bigT1().toSeconds(), t.t2().toSeconds(), t.bigT2().toSeconds(),
                t.wh().toSeconds(), t.ws().toSeconds(), t.tboot().toSeconds(), t.tenable().toSeconds(),
                hostId(local), STATEFILE));
        return xml.toString();
    }
}
