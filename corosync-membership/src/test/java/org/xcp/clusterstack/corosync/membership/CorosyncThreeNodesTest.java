package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.corosync.membership.TestPool.node;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * Three real corosync nodes on a bridge, each read by its own source: isolating one (its bridge port down, as
 * in stacks.md §2.3) makes it not quorate and drops it from the others' members; bringing the port up heals both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorosyncThreeNodesTest {
    /** Formation takes a few seconds; detection 7.6-8 s at corosync's defaults (measured), rejoin 3-4 s. */
    private static final Duration CHANGE = Duration.ofSeconds(30);
    private static final Set<Integer> ALL = Set.of(1, 2, 3);

    private CorosyncRig rig;
    private final List<CorosyncMembership> sources = new ArrayList<>();

    @BeforeAll
    void startThreeNodes(@TempDir Path base) {
        rig = CorosyncRig.create(base, 3, "", "");
        for (int n = 1; n <= 3; n++) {
            rig.start(n);
            sources.add(CorosyncMembership.open(TestPool.context(TestPool.of(3, n), Map.of("corosync.tools_dir",
                    rig.toolsDir(n).toString()), new ArrayList<>())));
        }
    }

    @AfterAll
    void stopEverything() {
        sources.forEach(CorosyncMembership::close);
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void anIsolatedNodeLosesQuorumAndTheMajorityGoesOnWithoutIt() {
        for (int n : ALL) {
            awaitQuorate(n, ALL);
        }

        rig.link(3, false);
        MembershipView isolated = Await.view(source(3), "not quorate", v -> !v.quorate(), CHANGE, rig::logs);
        awaitQuorate(1, Set.of(1, 2));
        awaitQuorate(2, Set.of(1, 2));

        assertThat(isolated.reachable()).isTrue();
        assertThat(isolated.members()).isEqualTo(Set.of(node(3)));
        assertThat(isolated.detail()).matches("corosync ring [0-9a-f.]+: not quorate, 1 of 3 pool hosts joined");

        rig.link(3, true);
        for (int n : ALL) {
            awaitQuorate(n, ALL);
        }
    }

    private void awaitQuorate(int n, Set<Integer> members) {
        Set<Object> expected = Set.copyOf(members.stream().map(TestPool::node).toList());
        MembershipView v = Await.view(source(n), "quorate on node " + n + " with nodes " + members,
                view -> view.quorate() && view.members().equals(expected), CHANGE, rig::logs);
        assertThat(v.detail()).contains(members.size() + " of 3 pool hosts joined");
    }

    private CorosyncMembership source(int n) {
        return sources.get(n - 1);
    }
}
