package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pool status --watch} in a terminal as a person sees it: it runs inside tmux (bin/setup installs it) against a
 * real 3-host loopback pool (127.0.11.x), the pool changes under it (this host disarmed, another stopped), and
 * {@code tmux capture-pane} shows each change on one redrawn screen; Ctrl-C ends it with exit 0.
 */
class PoolStatusWatchIT {
    @TempDir
    static Path base;
    static InstalledStack xhad;

    @TempDir
    Path dir;

    private final String session = "cs-watch-" + ProcessHandle.current().pid();

    @BeforeAll
    static void install() {
        xhad = InstalledStack.install(base, "xhad");
    }

    @AfterEach
    void stop() {
        Cli.exec(List.of("tmux", "kill-session", "-t", session));
        xhad.stopAll();
    }

    private String screen() {
        Cli.Result r = Cli.exec(List.of("tmux", "capture-pane", "-p", "-t", session));
        return r.stdout();
    }

    private void eventuallyShows(String what, String... texts) {
        InstalledStack.eventually(Duration.ofSeconds(30), what + " on the screen:\n" + screen(), () -> {
            String s = screen();
            for (String t : texts) {
                if (!s.contains(t)) {
                    return false;
                }
            }
            return true;
        });
    }

    private static int count(String text, String of) {
        Matcher m = Pattern.compile(Pattern.quote(of)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theWatchRedrawsWhatChangesInThePoolAndCtrlCEndsItCleanly() {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 3, 30, "127.0.11.", 0xb0000000, LoopbackPool.Timeouts.SHORT);
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        pool.runOnAll(START_DAEMON).forEach(Cli.Result::succeeded);
        assertThat(pool.run(0, PROPOSE_MASTER).succeeded().stdout()).isEqualTo("TRUE\n");

        String jar = System.getProperty("cluster-stack.jar", "");
        String watch = "CLUSTER_STACK_JAR='" + jar + "' '" + Cli.LAUNCHER + "' pool status --watch -C '"
                + pool.configs.get(0) + "' --run-dir '" + xhad.runBase + "'; echo \"watch ended: exit $?\"; sleep 600";
        Cli.exec(List.of("tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "50", "bash", "-c", watch))
                .succeeded();

        eventuallyShows("a healthy pool", "no warnings: the pool is healthy", "lock holder host 0");
        assertThat(screen()).containsPattern("0\\*\\s+online\\s+yes\\s+0,1,2");

        pool.run(0, DISARM_FENCING).succeeded();
        eventuallyShows("this host disarmed", "fencing-disarmed: host 0 (this host)", "WARNINGS");
        assertThat(screen()).containsPattern("0\\*\\s+online\\s+NO\\s+0,1,2");

        pool.run(2, DISARM_FENCING).succeeded();
        pool.run(2, STOP_DAEMON).succeeded();
        eventuallyShows("host 2 gone without leaving", "host-not-live: host 2", "2     absent");
        String s = screen();
        assertThat(count(s, "cluster-stack pool status --watch")).as("one picture, redrawn in place:\n%s", s)
                .isEqualTo(1);
        assertThat(count(s, "HOST  STATE")).isEqualTo(1);

        Cli.exec(List.of("tmux", "send-keys", "-t", session, "C-c")).succeeded();
        eventuallyShows("the watch ended by Ctrl-C", "watch ended: exit 0");
        assertThat(screen()).doesNotContain("Exception", "\tat ");
    }
}
