package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.corosync.membership.TestPool.node;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * The liveset rule of stacks.md §2.2: the members are the joined nodes, by host UUID; the local host is quorate
 * only when votequorum says so and corosync's local node is this host.
 */
class CorosyncReadingTest {
    @Test
    void theMajoritySideIsQuorateWithItsJoinedHosts() throws MalformedOutput {
        MembershipView v = read("three-majority", TestPool.of(3, 1));

        assertThat(v).isEqualTo(new MembershipView(true, true, java.util.Set.of(node(1), node(2)),
                "corosync ring 1.d: quorate, 2 of 3 pool hosts joined"));
    }

    @Test
    void theIsolatedNodeIsNotQuorateAndSeesOnlyItself() throws MalformedOutput {
        MembershipView v = read("three-isolated", TestPool.of(3, 3));

        assertThat(v.reachable()).isTrue();
        assertThat(v.quorate()).isFalse();
        assertThat(v.members()).containsExactly(node(3));
        assertThat(v.detail()).isEqualTo("corosync ring 3.d: not quorate, 1 of 3 pool hosts joined");
    }

    @Test
    void namesMayBeWrittenWithoutDashesAndInAnyCase() throws MalformedOutput {
        Captured c = Captured.of("three-quorate");
        String cmap = c.text("cmapctl.out")
                .replace(node(2).dashed(), node(2).compact().toUpperCase(Locale.ROOT))
                .replace(node(3).dashed(), node(3).dashed().toUpperCase(Locale.ROOT));

        MembershipView v = CorosyncReading.view(c.quorum(), CmapKeys.parse(cmap), TestPool.of(3, 1));

        assertThat(v.quorate()).isTrue();
        assertThat(v.members()).containsExactlyInAnyOrder(node(1), node(2), node(3));
    }

    @Test
    void aJoinedNodeThatIsNoPoolHostIsNamedButNotAMember() throws MalformedOutput {
        // the pool has hosts 1 and 2 only; corosync's third node is someone else
        MembershipView v = read("three-quorate", TestPool.of(2, 1));

        assertThat(v.quorate()).isTrue();
        assertThat(v.members()).containsExactlyInAnyOrder(node(1), node(2));
        assertThat(v.detail()).isEqualTo("corosync ring 1.9: quorate, 2 of 2 pool hosts joined; joined nodes that are"
                + " not pool hosts: 3 ('" + node(3).dashed() + "')");
    }

    @Test
    void aPoolHostMissingFromTheNodelistIsNamed() throws MalformedOutput {
        HaUuid extra = HaUuid.parse("ffffffff-0000-4000-8000-000000000000");
        MembershipView v = read("one-node", TestPool.of(List.of(node(1), extra), node(1)));

        assertThat(v.quorate()).isTrue();
        assertThat(v.members()).containsExactly(node(1));
        assertThat(v.detail()).isEqualTo("corosync ring 1.5: quorate, 1 of 2 pool hosts joined; pool hosts missing"
                + " from corosync's nodelist: " + extra);
    }

    @Test
    void aCorosyncWhoseLocalNodeIsAnotherHostIsNeverQuorateHere() throws MalformedOutput {
        // read on node 1, but this host is node 2 of the pool
        MembershipView v = read("three-quorate", TestPool.of(3, 2));

        assertThat(v.quorate()).isFalse();
        assertThat(v.detail()).isEqualTo("corosync ring 1.9: quorate, 3 of 3 pool hosts joined; the local corosync"
                + " node 1 is named '" + node(1).dashed() + "', not this host " + node(2));
    }

    @Test
    void aLocalNodeWhoseNameIsNoPoolHostIsNeverQuorate() throws MalformedOutput {
        Captured c = Captured.of("one-node");
        String cmap = c.text("cmapctl.out").replace(node(1).dashed(), "host-a");

        MembershipView v = CorosyncReading.view(c.quorum(), CmapKeys.parse(cmap), TestPool.of(1, 1));

        assertThat(v.quorate()).isFalse();
        assertThat(v.members()).isEmpty();
        assertThat(v.detail()).isEqualTo("corosync ring 1.5: quorate, 0 of 1 pool hosts joined; the local corosync"
                + " node 1 is named 'host-a', not this host " + node(1) + "; joined nodes that are not pool hosts:"
                + " 1 ('host-a'); pool hosts missing from corosync's nodelist: " + node(1));
    }

    @Test
    void manyStrangersAreCountedNotAllNamed() throws MalformedOutput {
        HaUuid other = HaUuid.parse("ffffffff-0000-4000-8000-000000000000");
        MembershipView v = read("three-quorate", TestPool.of(List.of(node(1), other), node(1)));

        assertThat(v.detail()).endsWith("joined nodes that are not pool hosts: 2 ('" + node(2).dashed() + "'), 3 ('"
                + node(3).dashed() + "'); pool hosts missing from corosync's nodelist: " + other);
    }

    @Test
    void toolsThatDisagreeOnTheLocalNodeAreGarbage() throws MalformedOutput {
        Captured c = Captured.of("three-quorate");
        String cmap = c.text("cmapctl.out").replace("this_node_id (u32) = 1", "this_node_id (u32) = 2");

        assertThatThrownBy(() -> CorosyncReading.view(c.quorum(), CmapKeys.parse(cmap), TestPool.of(3, 1)))
                .isInstanceOf(MalformedOutput.class).hasMessage("corosync-quorumtool says the local node is 1 but"
                        + " cmap's runtime.votequorum.this_node_id is 2");
    }

    @Test
    void aNodelistNamingOneHostTwiceIsGarbage() throws MalformedOutput {
        Captured c = Captured.of("three-quorate");
        String cmap = c.text("cmapctl.out").replace(node(3).dashed(), node(2).compact());

        assertThatThrownBy(() -> CorosyncReading.view(c.quorum(), CmapKeys.parse(cmap), TestPool.of(3, 1)))
                .isInstanceOf(MalformedOutput.class).hasMessage("corosync's nodelist names host " + node(2)
                        + " twice (nodeids 2 and 3)");
    }

    @Test
    void noNodelistAtAllIsGarbage() throws MalformedOutput {
        Captured c = Captured.of("one-node");
        String cmap = c.text("cmapctl.out").replaceAll("(?m)^nodelist\\..*\n", "");

        assertThatThrownBy(() -> CorosyncReading.view(c.quorum(), CmapKeys.parse(cmap), TestPool.of(1, 1)))
                .isInstanceOf(MalformedOutput.class).hasMessageStartingWith("corosync-cmapctl lists no nodelist");
    }

    private static MembershipView read(String scenario, DaemonConfig pool) throws MalformedOutput {
        Captured c = Captured.of(scenario);
        return CorosyncReading.view(c.quorum(), c.cmap(), pool);
    }
}
