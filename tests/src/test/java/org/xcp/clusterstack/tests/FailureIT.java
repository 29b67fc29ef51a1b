package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures of spec §7.2–§7.5 on 3-host pools of real daemons (127.0.2.x:694, {@code WatchdogMode USER}):
 * a dead member, a dead master, a hung daemon, the set_excluded trap, statefile I/O errors on one host and on
 * every host (fault points switched by {@code cluster-stack fist}). Each test has its own pool and host
 * UUIDs. The timeouts are xapi's shape at a smaller T, keeping Ws > Wh + max(T1, T2) as at T = 10, so that a
 * host leaves the liveset in about 11 s rather than 27 s.
 */
class FailureIT {
    static final LoopbackPool.Timeouts T = new LoopbackPool.Timeouts(1, 4, 4, 10);
    static final Duration FLOOR = Duration.ofSeconds(T.maxWatchdog());

    @TempDir
    static Path base;
    static InstalledStack xhad;
    private static int poolsMade;

    @TempDir
    Path dir;

    @RegisterExtension
    final FailingPools pools = new FailingPools();

    @BeforeAll
    static void install() {
        xhad = InstalledStack.install(base, "xhad");
    }

    @Test
    void aKilledMemberLeavesEveryLivesetOnlyAfterItsWatchdogsWouldHaveFired() {
        PoolUnderTest pool = enabled();
        Instant killed = pool.kill(2);

        Map<Integer, Duration> dropped = pool.awaitDropped(2, List.of(0, 1), killed);
        assertThat(dropped.values()).as("kill -> not live, per survivor").allSatisfy(d -> assertThat(d)
                .isGreaterThanOrEqualTo(FLOOR));
        for (int h : List.of(0, 1)) {
            assertThat(pool.liveness(h)).as("host %d's liveset", h).containsExactly(true, true, false);
            assertThat(pool.masters(h)).as("host %d's master", h).containsExactly(true, false, false);
        }
    }

    @Test
    void aKilledMasterIsDroppedAndExactlyOneSurvivorWinsTheLock() {
        PoolUnderTest pool = enabled();
        Instant killed = pool.kill(0);

        Map<Integer, Duration> dropped = pool.awaitDropped(0, List.of(1, 2), killed);
        assertThat(dropped.values()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(FLOOR));
        // xapi on every survivor asks at once; the lock makes exactly one of them master
        List<String> answers = pool.runOn(List.of(1, 2), PROPOSE_MASTER).stream()
                .map(r -> r.succeeded().stdout()).toList();
        assertThat(answers).containsExactlyInAnyOrder("TRUE\n", "FALSE\n");
        int winner = answers.indexOf("TRUE\n") + 1;
        List<Boolean> expected = List.of(false, winner == 1, winner == 2);
        InstalledStack.eventually(Duration.ofSeconds(10), "both survivors to see host " + winner + " as master",
                () -> pool.masters(1).equals(expected) && pool.masters(2).equals(expected));
        assertThat(pool.liveness(1)).containsExactly(false, true, true);
        assertThat(pool.liveness(2)).containsExactly(false, true, true);
    }

    @Test
    void aHungDaemonIsKilledByItsWatchdogWithinWhAndDropped() throws Exception {
        PoolUnderTest pool = enabled();
        ProcessHandle daemon = pool.daemon(2);

        Instant stopped = pool.signal(2, "STOP");
        InstalledStack.eventually(Duration.ofSeconds(T.heartbeatWatchdog() + 5), "the watchdog to fence host 2",
                () -> PoolUnderTest.gone(daemon));
        Duration fenced = Duration.between(stopped, Instant.now());
        // the watchdog fires Wh after the last pet, which came at most t1 before the hang
        assertThat(fenced).isBetween(Duration.ofMillis(T.heartbeatWatchdog() * 1000L - T.interval() * 1000L - 500),
                Duration.ofSeconds(T.heartbeatWatchdog() + 2));
        assertThat(pool.log(2)).as("killed by its watchdog, not ended by itself")
                .contains("user-watchdog: no pet for " + T.heartbeatWatchdog() + "s: fencing " + daemon.pid())
                .doesNotContain("ending with");
        assertThat(pool.runDir(2).resolve("pid")).as("a clean end removes it").exists();

        Map<Integer, Duration> dropped = pool.awaitDropped(2, List.of(0, 1), stopped);
        assertThat(dropped.values()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(FLOOR));
    }

    @Test
    void setExcludedWhileArmedEndsTheDaemonWith19AndItsWatchdogFencesWhatIsLeft() {
        PoolUnderTest pool = enabled();
        ProcessHandle daemon = pool.daemon(2);

        Instant excluded = Instant.now();
        pool.run(2, SET_EXCLUDED).succeeded(); // xapi never does this without disarming: xhad's trap (§7.7)

        InstalledStack.eventually(Duration.ofSeconds(10), "host 2's daemon to end", () -> PoolUnderTest.gone(daemon));
        assertThat(pool.log(2)).as("host 2's log").containsPattern("end(ing|ed) with MTC_EXIT_SET_EXCLUDED")
                .doesNotContain("user-watchdog:");
        // like a hardware watchdog, it fires Wh after the last pet, not when the daemon goes
        InstalledStack.eventually(Duration.ofSeconds(T.heartbeatWatchdog() + 3), "its watchdog to report",
                () -> pool.log(2).contains("user-watchdog:"));
        String log = pool.log(2);
        assertThat(log).contains("user-watchdog: the daemon went away without disarming; no pet for "
                + T.heartbeatWatchdog() + "s: fencing " + daemon.pid()).doesNotContain("user watchdog disarmed");

        Map<Integer, Duration> dropped = pool.awaitDropped(2, List.of(0, 1), excluded);
        assertThat(dropped.values()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(FLOOR));
        for (int h : List.of(0, 1)) {
            assertThat(pool.excluded(h)).as("host %d's view of the excluded flags", h)
                    .containsExactly(false, false, true);
        }
    }

    @Test
    void statefileErrorsOnOneHostFenceThatHostAndTheOthersGoOn() {
        PoolUnderTest pool = enabled();
        ProcessHandle daemon = pool.daemon(2);

        Instant broken = Instant.now();
        assertThat(pool.fist(2, "enable", "sf.ioerror").succeeded().stdout()).isEqualTo("sf.ioerror.sticky\n");

        InstalledStack.eventually(Duration.ofSeconds(30), "host 2 to fence itself", () -> PoolUnderTest.gone(daemon));
        String log = pool.log(2);
        assertThat(log).as("host 2's log").contains("user-watchdog: ").contains("fencing " + daemon.pid())
                .doesNotContain("ending with");
        Map<Integer, Duration> dropped = pool.awaitDropped(2, List.of(0, 1), broken);
        assertThat(dropped.values()).allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(FLOOR));
        for (int h : List.of(0, 1)) {
            assertThat(pool.daemon(h).isAlive()).isTrue();
            assertThat(pool.statefileLost(h)).as("host %d in SR-2", h).isFalse();
        }
    }

    @Test
    void statefileErrorsEverywhereFenceNobodyTheLivesetSaysStatefileLostUntilTheyEnd() {
        PoolUnderTest pool = enabled();
        List<ProcessHandle> daemons = List.of(pool.daemon(0), pool.daemon(1), pool.daemon(2));

        Instant broken = Instant.now();
        pool.fistOnAll("enable", "sf.ioerror").forEach(Cli.Result::succeeded);

        InstalledStack.eventually(Duration.ofSeconds(40), "every host to survive by SR-2",
                () -> java.util.stream.IntStream.range(0, 3).allMatch(pool::statefileLost));
        // and it stays that way past the point where a lost host would have been dropped
        InstalledStack.eventually(Duration.ofSeconds(60), "max(Wh, Ws) + T1 after the loss",
                () -> Instant.now().isAfter(broken.plus(FLOOR).plusSeconds(T.timeout())));
        for (int h = 0; h < 3; h++) {
            assertThat(daemons.get(h).isAlive()).as("host %d's daemon", h).isTrue();
            assertThat(pool.liveness(h)).as("host %d's liveset", h).containsExactly(true, true, true);
            assertThat(pool.statefileLost(h)).as("host %d in SR-2", h).isTrue();
            assertThat(pool.log(h)).as("host %d's log", h).doesNotContain("self-fenc", "SELF-FENCE", "user-watchdog:");
        }

        pool.fistOnAll("disable", "sf.ioerror").forEach(r -> assertThat(r.succeeded().stdout()).isEmpty());
        InstalledStack.eventually(Duration.ofSeconds(30), "SR-2 to end on every host",
                () -> java.util.stream.IntStream.range(0, 3).noneMatch(pool::statefileLost));
        for (int h = 0; h < 3; h++) {
            assertThat(daemons.get(h).isAlive()).as("host %d's daemon", h).isTrue();
            assertThat(pool.liveness(h)).as("host %d's liveset", h).containsExactly(true, true, true);
        }
    }

    /** A new 3-host pool, enabled as xapi does, host 0 master. */
    private PoolUnderTest enabled() {
        int id = 0x20000000 + 0x100 * ++poolsMade;
        PoolUnderTest pool = pools.add(new PoolUnderTest(new LoopbackPool(xhad, dir, 3, 30, "127.0.2.", id, T)));
        pool.enable();
        return pool;
    }
}
