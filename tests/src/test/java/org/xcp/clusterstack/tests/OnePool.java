package org.xcp.clusterstack.tests;

import java.nio.file.Path;

/** An xhad.conf for a pool on this machine, with a real 266,240-byte statefile file beside it. */
final class OnePool {
    static final String GENERATION = "5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60";
    static final String HOST = "6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01";
    static final String PEER = "0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02";

    private OnePool() {
    }

    /** A one-host pool (T = 10) whose host is {@link #HOST}, fenced by the user watchdog. */
    static Path config(Path dir) {
        return config(dir, "USER", "", 70);
    }

    /**
     * @param extraHosts more {@code <host>} elements (a peer that never comes, to keep a start Starting)
     * @param joinTimeout EnableJoinTimeout and BootJoinTimeout
     */
    static Path config(Path dir, String watchdogMode, String extraHosts, int joinTimeout) {
        Path statefile = dir.resolve("statefile");
        Fixtures.write(statefile, new byte[266_240]);
        return Fixtures.write(dir.resolve("xhad.conf"), """
                <?xml version="1.0" encoding="utf-8"?>
                <xhad-config version="1.0">
                  <common-config>
                    <GenerationUUID>%s</GenerationUUID>
                    <UDPport>694</UDPport>
                    <host>
                      <HostID>%s</HostID>
                      <IPaddress>127.0.0.11</IPaddress>
                    </host>%s
                    <parameters>
                      <HeartbeatInterval>2</HeartbeatInterval>
                      <HeartbeatTimeout>10</HeartbeatTimeout>
                      <StateFileInterval>2</StateFileInterval>
                      <StateFileTimeout>10</StateFileTimeout>
                      <HeartbeatWatchdogTimeout>10</HeartbeatWatchdogTimeout>
                      <StateFileWatchdogTimeout>25</StateFileWatchdogTimeout>
                      <BootJoinTimeout>%d</BootJoinTimeout>
                      <EnableJoinTimeout>%d</EnableJoinTimeout>
                    </parameters>
                  </common-config>
                  <local-config>
                    <localhost>
                      <HostID>%s</HostID>
                      <HeartbeatInterface>lo</HeartbeatInterface>
                      <StateFile>%s</StateFile>
                      <WatchdogMode>%s</WatchdogMode>
                    </localhost>
                  </local-config>
                </xhad-config>
                """.formatted(GENERATION, HOST, extraHosts, joinTimeout, joinTimeout, HOST, statefile, watchdogMode));
    }

    static String peerHost() {
        return "\n    <host>\n      <HostID>" + PEER + "</HostID>\n      <IPaddress>127.0.0.12</IPaddress>\n    </host>";
    }
}
