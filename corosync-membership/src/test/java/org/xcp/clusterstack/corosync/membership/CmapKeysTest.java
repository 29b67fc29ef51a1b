package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.corosync.membership.CmapKeys.ConfiguredNode;

/** {@code corosync-cmapctl PREFIX...}: one {@code key (type) = value} per line. */
class CmapKeysTest {
    @Test
    void theNodelistIsReadInPositionOrderWithNamesAndIds() throws MalformedOutput {
        assertThat(Captured.of("three-quorate").cmap().nodelist()).containsExactly(
                new ConfiguredNode(0, 1, TestPool.node(1).dashed()),
                new ConfiguredNode(1, 2, TestPool.node(2).dashed()),
                new ConfiguredNode(2, 3, TestPool.node(3).dashed()));
    }

    @Test
    void onlyNodesWhoseStatusIsJoinedAreMembers() throws MalformedOutput {
        assertThat(Captured.of("three-quorate").cmap().joined()).containsExactly(1L, 2L, 3L);
        // the departed node stays listed, as "left"
        assertThat(Captured.of("three-majority").cmap().joined()).containsExactly(1L, 2L);
        assertThat(Captured.of("three-isolated").cmap().joined()).containsExactly(3L);
    }

    @Test
    void theManPagesRuntimeTotemMembersPrefixIsAcceptedToo() throws MalformedOutput {
        String real = Captured.of("three-majority").text("cmapctl.out");

        assertThat(CmapKeys.parse(real.replace("runtime.members.", "runtime.totem.members.")).joined())
                .containsExactly(1L, 2L);
    }

    @Test
    void integersAndFlagsAreReadWithTheirTypes() throws MalformedOutput {
        CmapKeys keys = Captured.of("two-node-atb").cmap();

        assertThat(keys.integer("runtime.votequorum.this_node_id")).contains(1L);
        assertThat(keys.flag("quorum.auto_tie_breaker")).isTrue();
        assertThat(keys.flag("runtime.votequorum.two_node")).isFalse();
        assertThat(keys.flag("quorum.no_such_option")).isFalse();
        assertThat(keys.string("quorum.provider")).contains("corosync_votequorum");
        assertThatThrownBy(() -> keys.integer("quorum.provider")).isInstanceOf(MalformedOutput.class)
                .hasMessage("corosync-cmapctl gave quorum.provider = 'corosync_votequorum' (str), not an integer");
    }

    @Test
    void aLineOfAnotherShapeIsGarbageNamingItsNumber() {
        String real = Captured.of("one-node").text("cmapctl.out");

        assertThatThrownBy(() -> CmapKeys.parse(real + "Failed to get key: CS_ERR_TRY_AGAIN\n"))
                .isInstanceOf(MalformedOutput.class).hasMessage("line 14 of corosync-cmapctl's output is not"
                        + " 'key (type) = value': 'Failed to get key: CS_ERR_TRY_AGAIN'");
        assertThatThrownBy(() -> CmapKeys.parse("nodelist.node.0.nodeid = 1\n")).isInstanceOf(MalformedOutput.class)
                .hasMessageStartingWith("line 1 of");
    }

    @Test
    void aBrokenNodelistIsGarbage() {
        String real = Captured.of("three-quorate").text("cmapctl.out");

        assertThatThrownBy(() -> CmapKeys.parse(real.replace("nodelist.node.2.nodeid (u32) = 3",
                "nodelist.node.2.nodeid (u32) = 2")).nodelist()).isInstanceOf(MalformedOutput.class)
                .hasMessage("corosync's nodelist gives nodeid 2 twice");
        assertThatThrownBy(() -> CmapKeys.parse(real.replace("nodelist.node.1.nodeid (u32) = 2\n", "")).nodelist())
                .isInstanceOf(MalformedOutput.class).hasMessage("corosync's nodelist entry 1 has a name but no nodeid");
        assertThatThrownBy(() -> CmapKeys.parse(real.replace("nodelist.node.1.nodeid (u32) = 2",
                "nodelist.node.1.nodeid (str) = two")).nodelist()).isInstanceOf(MalformedOutput.class)
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> CmapKeys.parse(real + real)).isInstanceOf(MalformedOutput.class)
                .hasMessage("corosync-cmapctl listed nodelist.node.0.name twice");
    }

    @Test
    void aNodeWithoutANameKeepsItsIdAndAnEmptyName() throws MalformedOutput {
        String real = Captured.of("three-quorate").text("cmapctl.out");
        List<ConfiguredNode> nodes = CmapKeys.parse(real.replace("nodelist.node.1.name (str) = "
                + TestPool.node(2).dashed() + "\n", "")).nodelist();

        assertThat(nodes).contains(new ConfiguredNode(1, 2, ""));
    }
}
