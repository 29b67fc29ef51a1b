package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * For any pool and any corosync membership written as 3.1.7 writes it (names in any of the accepted spellings,
 * node ids in any order), the view's members are exactly the joined pool hosts and it is quorate exactly when
 * votequorum is and the local host is joined.
 */
class CorosyncReadingProperties {
    /** One corosync node: its host, its node id, whether it is joined, how its name is written. */
    record Node(HaUuid host, long nodeId, boolean joined, int spelling) {
        String name() {
            switch (spelling) {
                case 0:
                    return host.dashed();
                case 1:
                    return host.compact().toUpperCase(Locale.ROOT);
                default:
                    return host.dashed().toUpperCase(Locale.ROOT);
            }
        }
    }

    @Property
    void membersAreTheJoinedPoolHosts(@ForAll("clusters") List<Node> nodes, @ForAll boolean votequorumQuorate,
            @ForAll boolean totemPrefix) throws MalformedOutput {
        Node local = nodes.get(0);
        List<HaUuid> hosts = nodes.stream().map(Node::host).sorted().toList();
        DaemonConfig pool = TestPool.of(hosts, local.host());

        MembershipView v = CorosyncReading.view(QuorumStatus.parse(votequorumQuorate ? 0 : 2,
                quorumtool(local, nodes, votequorumQuorate)), CmapKeys.parse(cmapctl(local, nodes, totemPrefix)), pool);

        Set<HaUuid> joined = new TreeSet<>();
        nodes.stream().filter(Node::joined).forEach(n -> joined.add(n.host()));
        assertThat(v.reachable()).isTrue();
        assertThat(v.members()).isEqualTo(joined);
        assertThat(v.quorate()).isEqualTo(votequorumQuorate && local.joined());
    }

    @Provide
    Arbitrary<List<Node>> clusters() {
        Arbitrary<HaUuid> uuid = Arbitraries.strings().withChars("0123456789abcdef").ofLength(32).map(HaUuid::new);
        Arbitrary<Node> node = Combinators.combine(uuid, Arbitraries.longs().between(1, 0xffffffffL),
                Arbitraries.of(true, false), Arbitraries.integers().between(0, 2)).as(Node::new);
        return node.list().ofMinSize(1).ofMaxSize(16).uniqueElements(Node::host).uniqueElements(Node::nodeId);
    }

    private static String quorumtool(Node local, List<Node> nodes, boolean quorate) {
        return "Quorum information\n------------------\nDate:             Sun Nov 22 07:51:38 2026\n"
                + "Quorum provider:  corosync_votequorum\nNodes:            "
                + nodes.stream().filter(Node::joined).count() + "\nNode ID:          " + local.nodeId()
                + "\nRing ID:          1.d\nQuorate:          " + (quorate ? "Yes" : "No") + "\n\n"
                + "Votequorum information\n----------------------\nFlags:            " + (quorate ? "Quorate " : "")
                + "\n\nMembership information\n----------------------\n    Nodeid      Votes    Qdevice Name\n";
    }

    private static String cmapctl(Node local, List<Node> nodes, boolean totemPrefix) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            lines.add("nodelist.node." + i + ".name (str) = " + nodes.get(i).name());
            lines.add("nodelist.node." + i + ".nodeid (u32) = " + nodes.get(i).nodeId());
        }
        String members = totemPrefix ? "runtime.totem.members." : "runtime.members.";
        for (Node n : nodes) {
            lines.add(members + n.nodeId() + ".ip (str) = r(0) ip(10.77.0.1) ");
            lines.add(members + n.nodeId() + ".status (str) = " + (n.joined() ? "joined" : "left"));
        }
        lines.add("runtime.votequorum.this_node_id (u32) = " + local.nodeId());
        lines.add("quorum.provider (str) = corosync_votequorum");
        return String.join("\n", lines) + "\n";
    }
}
