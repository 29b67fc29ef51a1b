package org.xcp.clusterstack.corosync.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** Real corosyncs configured in ways the stack refuses at open (exit 16, one sentence). */
class CorosyncRefusedTest {
    private static final Duration STARTED = Duration.ofSeconds(30);

    @Test
    void corosyncsOwnWatchdogIsASecondFencer(@TempDir Path base) {
        // a device path that does not exist: corosync logs "No watchdog" and runs, arming nothing
        try (CorosyncRig rig = CorosyncRig.create(base, 1, "", "resources {\n  watchdog_device: "
                + base.resolve("no-such-watchdog") + "\n}\n")) {
            rig.start(1);
            awaitAnswer(rig);

            assertRefused(rig, 1, "corosync's own watchdog is configured (resources.watchdog_device: "
                    + base.resolve("no-such-watchdog") + "), a second fencer next to the stack's watchdog: set it to"
                    + " off");
        }
    }

    @Test
    void twoNodesWithTwoNodeAndNoTieBreaker(@TempDir Path base) {
        // only node 1 runs: a lone two_node node waiting for its peer, as at a pool's cold start
        try (CorosyncRig rig = CorosyncRig.create(base, 2, "  two_node: 1\n", "")) {
            rig.start(1);
            awaitAnswer(rig);

            assertRefused(rig, 2, "corosync runs two nodes with two_node and neither auto_tie_breaker nor a quorum"
                    + " device, so after a split both halves stay quorate: add auto_tie_breaker: 1 or a qdevice");
        }
    }

    /** Waits until corosync answers through the real tools, so that the open below sees it running. */
    private static void awaitAnswer(CorosyncRig rig) {
        long deadline = System.nanoTime() + STARTED.toNanos();
        try (CorosyncTools tools = CorosyncTools.locate(Optional.of(rig.toolsDir(1)), "", Duration.ofSeconds(2),
                "corosync.tools_dir")) {
            while (!tools.cmapKeys().exitedWith(0)) {
                if (System.nanoTime() > deadline) {
                    fail("corosync did not answer within " + STARTED.toSeconds() + " s\n" + rig.logs());
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static void assertRefused(CorosyncRig rig, int hosts, String message) {
        Map<String, String> settings = Map.of("corosync.tools_dir", rig.toolsDir(1).toString());
        assertThatThrownBy(() -> CorosyncMembership.open(TestPool.context(TestPool.of(hosts, 1), settings,
                new ArrayList<>())))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_ENVIRONMENT))
                .hasMessage(message);
    }
}
