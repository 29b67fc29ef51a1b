package org.xcp.clusterstack.xhad.heartbeat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.config.LocalHostConfig;
import org.xcp.clusterstack.api.config.WatchdogMode;

/** Configs and packets of a loopback pool whose host i is at 127.0.0.(i+1). */
final class HeartbeatFixtures {
    static final HaUuid GENERATION = HaUuid.parse("3c1e5b7a-90d2-4f3e-8a61-2b4c6d8e0f12");
    static final HaUuid OTHER_GENERATION = HaUuid.parse("a55e901b-fd4c-4037-abbf-c0dd3960dc4a");

    private HeartbeatFixtures() {
    }

    /** The 3-host pool seen from host {@code local}, heartbeating on {@code port}. */
    static DaemonConfig pool(int local, int port) {
        return pool(3, local, port);
    }

    /** A pool of {@code count} hosts (1..64); host i is {@link #uuid}(i). */
    static DaemonConfig pool(int count, int local, int port) {
        List<ConfiguredHost> hosts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hosts.add(new ConfiguredHost(uuid(i), i, loopback(i)));
        }
        return new DaemonConfig(GENERATION, port, hosts, DaemonParameters.defaults(),
                new LocalHostConfig(uuid(local), "lo", Optional.empty(), Path.of("/dev/null"), WatchdogMode.NONE));
    }

    /** Host {@code index}'s UUID: two hex digits that sort by index, then a fixed tail with letters in it. */
    static HaUuid uuid(int index) {
        return HaUuid.parse(String.format("%02x", 0x10 + index) + "9e1c3b7d2f4e5a8b6c0d1e2f3a4b5c");
    }

    static InetAddress loopback(int index) {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (index + 1)});
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A packet from {@code index} of {@link #pool} in which every field has a value no other field has. */
    static HeartbeatPacket distinctPacket(int index) {
        HeartbeatPacketBuilder b = new HeartbeatPacketBuilder(GENERATION, uuid(index), index)
                .sequence(0x0A0B0C0D)
                .currentLiveset(new HostSet(0x1111_2222_3333_4444L))
                .proposedLiveset(new HostSet(0x5555_6666_7777_8888L))
                .hbdomain(new HostSet(0x0102_0304_0506_0708L))
                .sfdomain(new HostSet(0x1112_1314_1516_1718L))
                .sinceXapiRestart(0x7000_0001)
                .smPhase(9)
                .errString("xapi health check failed")
                .sfAccess(true).sfCorrupted(false).sfAccelerate(true).fenceRequest(false).sr2(true).joining(true);
        for (int i = 0; i < HeartbeatPacket.TIMINGS; i++) {
            b.sinceLastHbReceipt(i, 1000 + i).sinceLastSfUpdate(i, 2000 + i);
        }
        return b.build();
    }
}
