package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.xhad.core.CXhadHosts;

/**
 * Issue 18's bound on the partition path, over 2-1 partitions cut at random moments (random phase of every
 * timer) at xapi's T = 10: the survivors drop the loser no earlier than max(Wh, Ws) after its last sign of life
 * (the moment it fenced itself: it wrote the statefile until then), and no later than a pool of C xhad hosts
 * does on the same seed (its fixed FH4 sleep from FH3) but for one interval: where the loser wrote the statefile
 * after the survivors' FH3, xhad drops it before its watchdogs have surely fired, and we do not. Every invariant of {@link PoolInvariants} holds
 * throughout, for our pool, the C pool and a mixed one.
 */
class PartitionTimingSimTest {
    private static final int SEEDS = 40;
    private static final Duration TICK = Duration.ofMillis(100);

    @Test
    void survivorsDropThePartitionedHostOnlyOnceItIsCertainlyFencedAndNoLaterThanXhad() {
        List<Double> ours = new ArrayList<>();
        List<Double> xhad = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            Drop java = partition(seed, HostSet.EMPTY);
            Drop c = partition(seed, HostSet.firstN(3));
            Drop mixed = partition(seed, HostSet.of(0, 2));
            SimTimeouts t = FaultScheduleSimTest.setup(seed, 3).timeouts();
            Duration floor = t.maxWatchdog();
            for (Drop d : List.of(java, mixed)) {
                assertThat(d.dropped().minus(d.loserLastWrite())).as("seed %d: dropped at %s, the loser (fenced at"
                        + " %s) last wrote the statefile at %s (floor max(Wh, Ws) = %s)", seed, d.dropped(),
                        d.loserFenced(), d.loserLastWrite(), floor).isGreaterThanOrEqualTo(floor);
            }
            // xhad counts its FH4 sleep from FH3 and drops the loser then even if it wrote the statefile after the
            // survivors' FH3; ours waits for its watchdogs from its real last write: at most one interval later
            assertThat(java.dropped()).as("seed %d: ours drops the loser at %s, a C pool at %s", seed, java.dropped(),
                    c.dropped()).isLessThanOrEqualTo(c.dropped().plus(t.maxInterval()));
            ours.add(secondsAfterCut(java));
            xhad.add(secondsAfterCut(c));
        }
        System.out.printf(Locale.ROOT, "2-1 partition at T = 10, cut -> loser dropped by every survivor, %d seeds:"
                + " ours median %.1f s (%.1f-%.1f), C xhad median %.1f s (%.1f-%.1f), ratio %.2f%n", SEEDS,
                median(ours), min(ours), max(ours), median(xhad), min(xhad), max(xhad), median(ours) / median(xhad));
    }

    private record Drop(Duration cut, Duration loserFenced, Duration loserLastWrite, Duration dropped) {
    }

    /** Starts 3 hosts ({@code c} of them C xhad), cuts host 2 off at a random moment, runs until both drop it. */
    private static Drop partition(long seed, HostSet c) {
        Drop[] out = new Drop[1];
        PoolSetup setup = FaultScheduleSimTest.setup(seed, 3).withCXhad(c, CXhadHosts::core);
        SimulatedPool.run(setup, pool -> {
            pool.keepTrace(200);
            FaultScheduleSimTest.startAndElectMaster(pool, 0);
            PoolInvariants.watch(pool, false);
            pool.runFor(Duration.ofSeconds(5).plusMillis(pool.random().nextInt(2000)));
            Duration cut = pool.time();
            pool.faults().partition(HostSet.of(0, 1), HostSet.of(2));
            Optional<Duration> dropped = pool.runUntil(Duration.ofSeconds(120), () -> pool.host(0).liveset()
                    .equals(HostSet.of(0, 1)) && pool.host(1).liveset().equals(HostSet.of(0, 1)));
            assertThat(dropped).as("seed %d (C hosts %s): both survivors drop host 2", seed, c).isPresent();
            assertThat(pool.host(2).fencedAt()).as("seed %d: host 2 fenced itself", seed).isPresent();
            out[0] = new Drop(cut, pool.host(2).fencedAt().orElseThrow(),
                    pool.lastStatefileWrite(2).orElseThrow(), pool.time());
        });
        return out[0];
    }

    private static double secondsAfterCut(Drop d) {
        return d.dropped().minus(d.cut()).toMillis() / 1000.0;
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        return s.get(s.size() / 2);
    }

    private static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
