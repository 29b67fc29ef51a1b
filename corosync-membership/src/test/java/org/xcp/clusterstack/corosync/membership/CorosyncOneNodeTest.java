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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * A real corosync 3, one node on the loopback of its own network namespace, read by the source through the real
 * tools: from before it starts, through a stop (SIGSTOP) that hangs its tools, to its exit. The steps run in order
 * on one daemon.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CorosyncOneNodeTest {
    private static final Duration STARTED = Duration.ofSeconds(30);

    private CorosyncRig rig;
    private CorosyncMembership source;
    private final List<String> log = new ArrayList<>();

    @BeforeAll
    void createRigAndOpenBeforeCorosyncRuns(@TempDir Path base) {
        rig = CorosyncRig.create(base, 1, "", "");
        source = CorosyncMembership.open(TestPool.context(TestPool.of(1, 1), Map.of("corosync.tools_dir",
                rig.toolsDir(1).toString(), "corosync.command_timeout_ms", "500"), log));
    }

    @AfterAll
    void stopEverything() {
        if (source != null) {
            source.close();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    @Order(1)
    void beforeCorosyncStartsTheViewIsUnreachableThenQuorateWithTheLocalHost() {
        assertThat(source.view()).isEqualTo(MembershipView.unreachable("corosync does not answer: corosync-quorumtool"
                + " exited 1: Cannot initialize CMAP service"));
        assertThat(log).anyMatch(l -> l.startsWith("corosync does not answer yet"));

        rig.start(1);
        MembershipView v = Await.view(source, "quorate", MembershipView::quorate, STARTED, rig::logs);

        assertThat(v.members()).isEqualTo(Set.of(node(1)));
        assertThat(v.detail()).matches("corosync ring 1\\.[0-9a-f]+: quorate, 1 of 1 pool hosts joined");
        assertThat(log).contains("corosync answers and its configuration is one this stack runs on");
    }

    @Test
    @Order(2)
    void aStoppedCorosyncHangsItsToolsWhichAreKilledAtTheTimeout() {
        rig.pause(1, true);
        try {
            long start = System.nanoTime();
            MembershipView v = source.view();
            long tookMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(v).isEqualTo(MembershipView.unreachable("corosync does not answer: corosync-quorumtool did not"
                    + " answer within 500 ms and was killed"));
            assertThat(tookMs).isBetween(500L, 3_000L);
        } finally {
            rig.pause(1, false);
        }
        Await.view(source, "quorate again", MembershipView::quorate, STARTED, rig::logs);
    }

    @Test
    @Order(3)
    void aCorosyncThatExitedIsUnreachable() {
        rig.stop(1);

        assertThat(source.view()).isEqualTo(MembershipView.unreachable("corosync does not answer: corosync-quorumtool"
                + " exited 1: Cannot initialize CMAP service"));
    }
}
