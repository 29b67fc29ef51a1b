package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;

/** Pools of several hosts, each a real daemon process on its own loopback address, enabled as xapi does. */
class MultiHostPoolIT {
    @TempDir
    static Path base;
    static InstalledStack xhad;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        xhad = InstalledStack.install(base, "xhad");
    }

    @AfterEach
    void stopDaemons() {
        xhad.stopAll();
    }

    @Test
    void threeHostsFormOnePoolWithOneMasterAndSurviveACleanShutdown() {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 3, 30);
        enable(pool);

        for (int h = 0; h < 3; h++) {
            assertThat(liveness(pool, h)).as("host %d's liveset", h).containsExactly(true, true, true);
        }
        // xapi's enable: the master proposes itself; afterwards every host asking is told the truth
        assertThat(pool.run(0, PROPOSE_MASTER).succeeded().stdout()).isEqualTo("TRUE\n");
        List<String> answers = pool.runOnAll(PROPOSE_MASTER).stream().map(r -> r.succeeded().stdout()).toList();
        assertThat(answers).containsExactly("TRUE\n", "FALSE\n", "FALSE\n");
        InstalledStack.eventually(Duration.ofSeconds(10), "every host to see host 0 as master",
                () -> java.util.stream.IntStream.range(0, 3).allMatch(h -> masters(pool, h).equals(List.of(true,
                        false, false))));

        // host 2 shuts down cleanly, in xapi's order: disarm, stop, set excluded
        pool.run(2, DISARM_FENCING).succeeded();
        pool.run(2, STOP_DAEMON).succeeded();
        pool.run(2, SET_EXCLUDED).succeeded();
        InstalledStack.eventually(Duration.ofSeconds(40), "the survivors to drop host 2",
                () -> liveness(pool, 0).equals(List.of(true, true, false))
                        && liveness(pool, 1).equals(List.of(true, true, false)));
        assertThat(LivesetReader.read(pool.run(0, QUERY_LIVESET).stdout()).hosts().get(2).excluded()).isTrue();

        pool.run(2, START_DAEMON).succeeded(); // rejoins the running pool
        InstalledStack.eventually(Duration.ofSeconds(30), "host 2 to be live everywhere again",
                () -> java.util.stream.IntStream.range(0, 3).allMatch(h -> liveness(pool, h)
                        .equals(List.of(true, true, true))));
        assertThat(pool.run(2, PROPOSE_MASTER).succeeded().stdout()).isEqualTo("FALSE\n");
    }

    @Test
    void concurrentProposalsGiveExactlyOneMasterEveryTime() {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 3, 30);
        for (int round = 0; round < 20; round++) {
            enable(pool);
            List<String> answers = pool.runOnAll(PROPOSE_MASTER).stream().map(r -> r.succeeded().stdout()).toList();
            assertThat(answers).as("round %d", round).containsOnly("TRUE\n", "FALSE\n");
            assertThat(answers.stream().filter("TRUE\n"::equals).count()).as("round %d: %s", round, answers)
                    .isEqualTo(1);
            pool.runOnAll(STOP_DAEMON).forEach(Cli.Result::succeeded);
        }
    }

    @Test
    void invalidStopsEveryDaemonWith11() throws Exception {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 3, 30);
        enable(pool);

        pool.run(0, SET_POOL_STATE, "invalid").succeeded();

        InstalledStack.eventually(Duration.ofSeconds(15), "every daemon to end",
                () -> java.util.stream.IntStream.range(0, 3).allMatch(h -> pool.run(h, QUERY_LIVESET).status() == 14));
        for (String id : pool.hostIds) {
            assertThat(Files.readString(xhad.daemonLog(id))).contains("ending with MTC_EXIT_INVALID_POOL_STATE");
        }
    }

    @Test
    void sixteenHostsJoinAndAgree() {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 16, 60);
        enable(pool);

        for (int h = 0; h < 16; h++) {
            assertThat(liveness(pool, h)).as("host %d's liveset", h).hasSize(16).containsOnly(true);
        }
        List<String> answers = pool.runOnAll(PROPOSE_MASTER).stream().map(r -> r.succeeded().stdout()).toList();
        assertThat(answers.stream().filter("TRUE\n"::equals).count()).as("%s", answers).isEqualTo(1);
        // which host wins a race of 16 processes depends on who asked first; all must agree on it
        int winner = answers.indexOf("TRUE\n");
        List<Boolean> expected = java.util.stream.IntStream.range(0, 16).mapToObj(h -> h == winner).toList();
        InstalledStack.eventually(Duration.ofSeconds(20), "every host to see host " + winner + " as master",
                () -> java.util.stream.IntStream.range(0, 16).allMatch(h -> masters(pool, h).equals(expected)));
    }

    /** xapi's enable: init on the master, then start on every host at once. */
    private static void enable(LoopbackPool pool) {
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        List<Cli.Result> starts = pool.runOnAll(START_DAEMON);
        for (int h = 0; h < starts.size(); h++) {
            assertThat(starts.get(h).status()).as("ha_start_daemon on host %d: %s", h, starts.get(h).stderr()).isZero();
        }
    }

    private static List<Boolean> liveness(LoopbackPool pool, int host) {
        return entries(pool, host).stream().map(HostEntry::live).toList();
    }

    private static List<Boolean> masters(LoopbackPool pool, int host) {
        return entries(pool, host).stream().map(HostEntry::master).toList();
    }

    private static List<HostEntry> entries(LoopbackPool pool, int host) {
        Cli.Result r = pool.run(host, QUERY_LIVESET);
        if (r.status() != 0) {
            return List.of();
        }
        Liveset l = LivesetReader.read(r.stdout());
        return l.hosts();
    }
}
