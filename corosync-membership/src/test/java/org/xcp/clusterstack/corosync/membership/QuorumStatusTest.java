package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code corosync-quorumtool -s -p}: the exit status decides, the text must agree and name the local node. */
class QuorumStatusTest {
    @Test
    void aQuorateNodeExitsZeroAndNamesItself() throws MalformedOutput {
        QuorumStatus s = Captured.of("three-majority").quorum();

        assertThat(s).isEqualTo(new QuorumStatus(true, 1, "1.d"));
    }

    @Test
    void anIsolatedMinorityNodeExitsTwoAndIsNotQuorate() throws MalformedOutput {
        QuorumStatus s = Captured.of("three-isolated").quorum();

        assertThat(Captured.of("three-isolated").quorumtoolExit()).isEqualTo(2);
        assertThat(s).isEqualTo(new QuorumStatus(false, 3, "3.d"));
    }

    @Test
    void aLoneTwoNodeNodeWaitingForItsPeerIsNotQuorate() throws MalformedOutput {
        assertThat(Captured.of("two-node-lone").quorum().quorate()).isFalse();
        assertThat(Captured.of("two-node").quorum().quorate()).isTrue();
        assertThat(Captured.of("one-node").quorum()).isEqualTo(new QuorumStatus(true, 1, "1.5"));
    }

    @Test
    void anExitStatusTheTextContradictsIsGarbage() {
        String quorate = Captured.of("three-majority").text("quorumtool.out");
        String notQuorate = Captured.of("three-isolated").text("quorumtool.out");

        assertThatThrownBy(() -> QuorumStatus.parse(0, notQuorate)).isInstanceOf(MalformedOutput.class)
                .hasMessage("corosync-quorumtool exited 0 but printed 'Quorate: No'");
        assertThatThrownBy(() -> QuorumStatus.parse(2, quorate)).isInstanceOf(MalformedOutput.class)
                .hasMessage("corosync-quorumtool exited 2 but printed 'Quorate: Yes'");
    }

    @Test
    void missingOrUnreadableFieldsAreGarbageNamedInOneLine() {
        String real = Captured.of("three-majority").text("quorumtool.out");

        assertMalformed("", "corosync-quorumtool printed no 'Quorum provider:' line");
        assertMalformed(real.replace("Node ID:          1\n", ""), "corosync-quorumtool printed no 'Node ID:' line");
        assertMalformed(real.replace("Node ID:          1", "Node ID:          0x1"),
                "corosync-quorumtool printed 'Node ID: 0x1', not a node id");
        assertMalformed(real.replace("Node ID:          1", "Node ID:          0"),
                "corosync-quorumtool printed node id 0, outside 1..2^32-1");
        assertMalformed(real.replace("Quorate:          Yes", "Quorate:          Maybe"),
                "corosync-quorumtool printed 'Quorate: Maybe', not Yes or No");
        assertMalformed(real.replace("corosync_votequorum", "test_provider"),
                "corosync-quorumtool reports quorum provider 'test_provider', not corosync_votequorum");
        assertMalformed(real.replace("Quorate:          Yes", "Quorate:          Yes\nQuorate:          No"),
                "corosync-quorumtool printed 'Quorate:' twice");
        assertMalformed("Segmentation fault\n", "corosync-quorumtool printed no 'Quorum provider:' line");
    }

    @Test
    void theMembershipTableAndUnknownLinesAreNotRead() throws MalformedOutput {
        String real = Captured.of("three-majority").text("quorumtool.out");
        String extra = real.replace("Flags:", "Some future field: 7\nFlags:") + "\nNode ID: 99\n";

        assertThat(QuorumStatus.parse(0, extra)).isEqualTo(new QuorumStatus(true, 1, "1.d"));
        assertThat(QuorumStatus.parse(0, real.replace("Ring ID:          1.d\n", "")).ringId()).isEqualTo("?");
    }

    private static void assertMalformed(String stdout, String message) {
        assertThatThrownBy(() -> QuorumStatus.parse(0, stdout)).isInstanceOf(MalformedOutput.class)
                .hasMessage(message);
    }
}
