package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** configfs as o2cb lays it out (stacks.md §3.3), read from trees built file by file. */
class ConfigfsClusterTest {
    private static final String REGION = "77D95EF51C0149D2823674FCC162CF8B";

    @TempDir
    Path configfs;

    private ConfigfsTree pool() {
        return ConfigfsTree.create(configfs, "xspool1", HeartbeatMode.GLOBAL, 31)
                .node("host-a", 0, false, "10.0.0.1")
                .node("host-b", 1, true, "10.0.0.2")
                .node("host-c", 2, false, "10.0.0.3")
                .region(REGION, 512, 3, 255, "sdb");
    }

    private ConfigfsCluster read() {
        return ConfigfsCluster.read(configfs, Optional.empty());
    }

    private void assertRefused(String path, String problem) {
        assertThatThrownBy(this::read).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
            assertThat(e.getMessage()).startsWith(configfs.resolve("cluster/xspool1").resolve(path) + ": ")
                    .contains(problem).doesNotContain("\n");
        });
    }

    @Test
    void readsTheOnlyClusterItsNodesItsHeartbeatSettingsAndItsRegions() {
        pool().unstartedRegion("0123456789ABCDEF0123456789ABCDEF");
        ConfigfsCluster c = read();
        assertThat(c.name()).isEqualTo("xspool1");
        assertThat(c.mode()).isEqualTo(HeartbeatMode.GLOBAL);
        assertThat(c.deadThreshold()).isEqualTo(31);
        assertThat(c.nodes()).containsExactly(new O2cbNode("host-a", 0, false, "10.0.0.1"),
                new O2cbNode("host-b", 1, true, "10.0.0.2"), new O2cbNode("host-c", 2, false, "10.0.0.3"));
        assertThat(c.localNode().name()).isEqualTo("host-b");
        assertThat(c.regions()).containsExactly(
                new HeartbeatRegion("0123456789ABCDEF0123456789ABCDEF", 0, 0, 0, "", OptionalLong.empty()),
                new HeartbeatRegion(REGION, 512, 3, 255, "sdb", OptionalLong.of(4242)));
        assertThat(c.startedRegions()).extracting(HeartbeatRegion::name).containsExactly(REGION);
        assertThat(c.startedRegions().get(0).slotOffset(2)).isEqualTo(5 * 512);
    }

    @Test
    void aNamedClusterIsReadAmongSeveral() {
        pool();
        ConfigfsTree.create(configfs, "other", HeartbeatMode.LOCAL, 61).node("x", 0, true, "10.0.1.1");
        assertThat(ConfigfsCluster.read(configfs, Optional.of("other")).deadThreshold()).isEqualTo(61);
        assertThatThrownBy(this::read).hasMessageContaining("several clusters [other, xspool1]")
                .hasMessageContaining("o2cb.cluster");
    }

    @Test
    void withoutConfigfsOrWithoutAClusterItSaysSo() throws IOException {
        assertThatThrownBy(this::read).isInstanceOf(HaException.class)
                .hasMessage(configfs.resolve("cluster") + ": does not exist: configfs is not mounted there or"
                        + " o2cb's node manager (ocfs2_nodemanager) is not loaded");
        Files.createDirectories(configfs.resolve("cluster"));
        assertThatThrownBy(this::read).hasMessage(configfs.resolve("cluster")
                + ": holds no cluster: no o2cb cluster is online");
        assertThatThrownBy(() -> ConfigfsCluster.read(configfs, Optional.of("xspool1")))
                .hasMessageContaining("o2cb cluster 'xspool1' is not online");
    }

    @Test
    void aMissingFileIsNamed() {
        pool().delete("node/host-c/num");
        assertRefused("node/host-c/num", "is missing");
    }

    @Test
    void aGarbledNodeNumberIsNamed() {
        pool().write("node/host-c/num", "two");
        assertRefused("node/host-c/num", "expected a number, got 'two'");
    }

    @Test
    void aNodeNumberOutsideZeroTo254IsRefused() {
        pool().write("node/host-c/num", "255");
        assertRefused("node/host-c/num", "expected 0 to 254, got 255");
    }

    @Test
    void twoNodesWithOneNumberAreRefused() {
        pool().write("node/host-c/num", "1");
        assertRefused("node/host-c/num", "node number 1 is also node host-b's");
    }

    @Test
    void twoLocalNodesAreRefused() {
        pool().write("node/host-c/local", "1");
        assertRefused("node/host-c/local", "a second local node (host-b is local too)");
    }

    @Test
    void aClusterWithoutALocalNodeSaysThisHostIsNotANode() {
        pool().write("node/host-b/local", "0");
        assertThatThrownBy(() -> read().localNode()).isInstanceOf(HaException.class)
                .hasMessageContaining("no node has local = 1");
    }

    @Test
    void aGarbledAddressIsRefused() {
        pool().write("node/host-a/ipv4_address", "10.0.0.300");
        assertRefused("node/host-a/ipv4_address", "expected an IPv4 address, got '10.0.0.300'");
    }

    @Test
    void anUnknownHeartbeatModeIsRefused() {
        pool().write("heartbeat/mode", "both");
        assertRefused("heartbeat/mode", "expected local or global, got 'both'");
    }

    @Test
    void aDeadThresholdTheKernelWouldIgnoreIsRefused() {
        pool().write("heartbeat/dead_threshold", "2");
        assertRefused("heartbeat/dead_threshold", "expected 3 to");
    }

    @Test
    void aStartedRegionNeedsASectorSizedBlockANonZeroStartAndOneTo255Blocks() {
        pool().write("heartbeat/" + REGION + "/block_bytes", "1000");
        assertRefused("heartbeat/" + REGION + "/block_bytes", "power of two from 512 to 4096, got 1000");
        pool().write("heartbeat/" + REGION + "/start_block", "0");
        assertRefused("heartbeat/" + REGION + "/start_block", "is 0 in a started region");
        pool().write("heartbeat/" + REGION + "/blocks", "256");
        assertRefused("heartbeat/" + REGION + "/blocks", "expected 1 to 255, got 256");
    }

    @Test
    void aDevThatIsAPathIsRefused() {
        pool().write("heartbeat/" + REGION + "/dev", "../etc/passwd");
        assertRefused("heartbeat/" + REGION + "/dev", "expected a block device's name");
    }

    @Test
    void aGarbledPidIsRefusedAndAnEmptyOrMissingOneIsARegionNotRunning() {
        pool().write("heartbeat/" + REGION + "/pid", "");
        assertThat(read().regions().get(0).active()).isFalse();
        pool().delete("heartbeat/" + REGION + "/pid");
        assertThat(read().regions().get(0).active()).isFalse();
        pool().write("heartbeat/" + REGION + "/pid", "x1");
        assertRefused("heartbeat/" + REGION + "/pid", "expected a thread id or nothing, got 'x1'");
    }

    @Test
    void activeRegionsAreThoseWhosePidIsSetInAnyCluster() {
        assertThat(ConfigfsCluster.activeRegions(configfs, Optional.empty())).isEmpty();
        pool().unstartedRegion("B0000000000000000000000000000000");
        assertThat(ConfigfsCluster.activeRegions(configfs, Optional.empty())).containsExactly(REGION);
        assertThat(ConfigfsCluster.activeRegions(configfs, Optional.of("elsewhere"))).isEmpty();
        pool().write("heartbeat/" + REGION + "/pid", "");
        assertThat(ConfigfsCluster.activeRegions(configfs, Optional.empty())).isEmpty();
    }
}
