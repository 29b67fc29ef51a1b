package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The corosync configurations the stack refuses: no votequorum, a second fencer, an unbreakable 2-node tie. */
class CorosyncConfigCheckTest {
    @Test
    void ordinaryClustersPass() throws MalformedOutput {
        assertThat(CorosyncConfigCheck.problem(Captured.of("one-node").cmap())).isEmpty();
        assertThat(CorosyncConfigCheck.problem(Captured.of("three-quorate").cmap())).isEmpty();
        assertThat(CorosyncConfigCheck.problem(Captured.of("three-isolated").cmap())).isEmpty();
    }

    @Test
    void corosyncsOwnWatchdogIsASecondFencer() throws MalformedOutput {
        assertThat(CorosyncConfigCheck.problem(Captured.of("watchdog").cmap())).contains("corosync's own watchdog is"
                + " configured (resources.watchdog_device: /nonexistent/watchdog), a second fencer next to the stack's"
                + " watchdog: set it to off");
    }

    @Test
    void aWatchdogDeviceSetToOffOrEmptyIsNoWatchdog() throws MalformedOutput {
        String real = Captured.of("watchdog").text("cmapctl.out");

        assertThat(CorosyncConfigCheck.problem(CmapKeys.parse(real.replace("/nonexistent/watchdog", "off"))))
                .isEmpty();
        assertThat(CorosyncConfigCheck.problem(CmapKeys.parse(real.replace("/nonexistent/watchdog", "")))).isEmpty();
    }

    @Test
    void twoNodesWithTwoNodeAndNoTieBreakerAreRefused() throws MalformedOutput {
        String expected = "corosync runs two nodes with two_node and neither auto_tie_breaker nor a quorum device, so"
                + " after a split both halves stay quorate: add auto_tie_breaker: 1 or a qdevice";

        assertThat(CorosyncConfigCheck.problem(Captured.of("two-node").cmap())).contains(expected);
        assertThat(CorosyncConfigCheck.problem(Captured.of("two-node-lone").cmap())).contains(expected);
    }

    @Test
    void twoNodesWithAnAutoTieBreakerOrAQuorumDevicePass() throws MalformedOutput {
        String twoNode = Captured.of("two-node").text("cmapctl.out");

        assertThat(CorosyncConfigCheck.problem(Captured.of("two-node-atb").cmap())).isEmpty();
        assertThat(CorosyncConfigCheck.problem(CmapKeys.parse(twoNode + "quorum.device.model (str) = net\n")))
                .isEmpty();
    }

    @Test
    void withoutVotequorumThereIsNoQuorumToPetTheWatchdogOn() throws MalformedOutput {
        assertThat(CorosyncConfigCheck.problem(Captured.of("no-provider").cmap())).contains("corosync runs without a"
                + " quorum provider: the stack needs quorum { provider: corosync_votequorum }");
        String other = Captured.of("one-node").text("cmapctl.out").replace("corosync_votequorum", "testquorum");
        assertThat(CorosyncConfigCheck.problem(CmapKeys.parse(other))).contains("corosync runs quorum provider"
                + " 'testquorum': the stack needs quorum { provider: corosync_votequorum }");
    }
}
