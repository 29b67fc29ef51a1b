package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * stacks.md §5.1, point 5: one armed fencer per host. While one stack's daemon runs for a host, another stack's
 * {@code ha_start_daemon} for that host refuses with 16 (never 15, which xapi takes for "already running"),
 * before it opens a watchdog or asks its manager anything.
 */
class OneFencerIT {
    @TempDir
    Path base;

    InstalledStack xhad;

    @AfterEach
    void stop() {
        if (xhad != null) {
            xhad.stopAll();
        }
    }

    @Test
    void aSecondStacksStartForTheSameHostIsRefusedWith16() {
        xhad = InstalledStack.install(base, "xhad");
        Path config = OnePool.config(base);
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).succeeded();

        for (String other : new String[] {"corosync", "ocfs2", "melio"}) {
            Cli.Result refused = xhad.sibling(other).run(START_DAEMON, "-C", config).failedWithoutOutput(16);
            assertThat(refused.stderr()).as(other).contains("the xhad stack's daemon runs for this host");
        }

        xhad.run(STOP_DAEMON, "-C", config).succeeded();
    }
}
