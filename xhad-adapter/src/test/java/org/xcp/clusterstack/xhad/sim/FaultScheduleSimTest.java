package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.xhad.core.CXhadHosts;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * Random fault schedules at xapi's T = 10 timing, every invariant of {@link PoolInvariants} checked after
 * every step. Each seed draws a pool, a network (perfect, or mildly lossy), starts every host under INIT,
 * proposes a master, applies its {@link FaultSchedule} and runs on. Seeds run on every core; each is
 * deterministic on its own.
 *
 * <p>One seed in five is a <em>full</em> schedule: 2 to 8 hosts (one in ten 9 to 16), faults in the first
 * 50 s, 120 s in all. The others are <em>short</em>, to reach 10,000 schedules within the module's time
 * budget: 2 to 5 hosts, faults in the first 15 s, 75 s in all, which still covers a detection (~T1 + 20 s)
 * and the I2 fencing deadline (~42 s) after the last fault.
 *
 * <p>One seed in four (those divisible by 4) runs on a keyed pool ({@code docs/heartbeat-auth.md}): every heartbeat goes through the keyed
 * {@link org.xcp.clusterstack.xhad.heartbeat.HeartbeatWire}, handshake and freshness rule included, so the
 * invariants are proven for both protocols.
 *
 * <p>One seed in three of the others (not keyed: C xhad has no pool key) runs a <em>mixed</em> pool: a random
 * non-empty share of the hosts, not all, run C xhad's fault handler ({@code CXhadFaultHandler}, a model of
 * xenserver/xha's), so the invariants, I7 (no stuck fault handler) among them, hold for pools of C and Java hosts.
 *
 * <p>{@code -Dsim.schedules=N} (default {@value #DEFAULT_SCHEDULES}) sets how many seeds; {@code -Dsim.seed=S}
 * replays one seed and prints its whole trace tail; {@code -Dsim.seedBase=B} moves the range.
 */
class FaultScheduleSimTest {
    static final int DEFAULT_SCHEDULES = 10_000;
    private static final Duration FULL_END = Duration.ofSeconds(120);
    private static final Duration SHORT_END = Duration.ofSeconds(75);
    private static final double HEALTHY_SHARE = 0.15;
    private static final int SHOWN = 5;
    /** The daemon's loop period: at t1 = t2 = 2 s, 100 ms steps resolve every timer the core sets. */
    private static final Duration TICK = Duration.ofMillis(100);

    @Test
    void randomFaultSchedulesKeepEveryInvariant() {
        Optional<Long> one = Optional.ofNullable(System.getProperty("sim.seed")).map(Long::parseLong);
        if (one.isPresent()) {
            runSchedule(one.get()); // a failure shows this seed's dump
            return;
        }
        int schedules = Integer.getInteger("sim.schedules", DEFAULT_SCHEDULES);
        long base = Long.getLong("sim.seedBase", 1L);
        ConcurrentSkipListMap<Long, String> failures = new ConcurrentSkipListMap<>();
        AtomicLong steps = new AtomicLong();
        long t0 = System.nanoTime();
        LongStream.range(base, base + schedules).parallel().forEach(seed -> {
            try {
                steps.addAndGet(runSchedule(seed));
            } catch (AssertionError e) {
                failures.put(seed, e.getMessage());
            }
        });
        double minutes = (System.nanoTime() - t0) / 60e9;
        System.out.printf(Locale.ROOT, "fault schedules: %d seeds from %d in %.1f s, %.0f schedules/minute"
                + " on %d cores, %d steps; %d failed%n", schedules, base, minutes * 60, schedules / minutes,
                Runtime.getRuntime().availableProcessors(), steps.get(), failures.size());
        StringBuilder report = new StringBuilder();
        failures.entrySet().stream().limit(SHOWN).forEach(f -> report.append("\n--- seed ").append(f.getKey())
                .append(": ").append(replay(f.getKey())).append('\n').append(firstLine(f.getValue())));
        failures.entrySet().stream().findFirst().ifPresent(f -> report.append("\n\n--- the first in full:\n")
                .append(f.getValue()));
        assertThat(failures.keySet()).as("%d of %d schedules broke an invariant; failing seeds %s%s",
                failures.size(), schedules, failures.keySet().stream().limit(50).toList(), report).isEmpty();
    }

    /** §7.3 at scale: 64 hosts, one crashes, then the pool splits 40 | 23; the invariants hold throughout. */
    @Test
    void aSixtyFourHostPoolSurvivesACrashAndAPartition() {
        SimulatedPool.run(setup(20240611L, 64), pool -> {
            pool.keepTrace(2000);
            PoolInvariants.watch(pool, false);
            startAndElectMaster(pool, 0);
            pool.runFor(Duration.ofSeconds(5));
            pool.faults().crash(17);
            pool.runFor(Duration.ofSeconds(40));
            HostSet big = HostSet.EMPTY;
            for (int i = 0; i < 40; i++) {
                big = big.with(i);
            }
            HostSet small = new HostSet(HostSet.firstN(64).bits() & ~big.bits() & ~HostSet.of(17).bits());
            pool.faults().partition(big, small, HostSet.of(17));
            pool.runFor(Duration.ofSeconds(60));
            assertThat(pool.host(0).alive()).as("host 0, in the larger side, is alive").isTrue();
        });
    }

    /** Runs one seed's schedule (one in four on a keyed pool); the number of steps it took. */
    static long runSchedule(long seed) {
        return runSchedule(seed, Math.floorMod(seed, 4) == 0, null, null);
    }

    /**
     * Runs one seed's schedule, keyed or not, with {@code forger} on the wire if there is one; {@code trace}, if
     * given, receives the run's whole trace.
     */
    static long runSchedule(long seed, boolean keyed, SimAdversary forger, List<List<String>> trace) {
        Random sizing = new Random(seed ^ 0x5DEECE66DL); // only the pool's size: everything else is the pool's Random
        boolean full = Math.floorMod(seed, 5) == 0;
        int hosts = !full ? 2 + sizing.nextInt(4) : sizing.nextInt(10) == 0 ? 9 + sizing.nextInt(8) : 2 + sizing.nextInt(7);
        Duration end = full ? FULL_END : SHORT_END;
        int faultWindow = full ? 50 : 15;
        boolean lossy = sizing.nextInt(4) == 0;
        PoolSetup setup = keyed ? setup(seed, hosts).keyed() : setup(seed, hosts);
        if (!keyed && Math.floorMod(seed, 3) == 0 && hosts > 1) {
            HostSet c = HostSet.EMPTY;
            while (c.isEmpty() || c.size() == hosts) {
                c = HostSet.ofBits(sizing.nextLong() & HostSet.firstN(hosts).bits());
            }
            setup = setup.withCXhad(c, CXhadHosts::core);
        }
        if (lossy) {
            // ≤ 5 % loss: all 5 heartbeats of a T1 window lost on one link is then ~3e-7, so a healthy pool
            // never loses a host by bad luck (at 20 % it would be ~3e-4 per link and window: flaky)
            setup = setup.withNetwork(new Network(sizing.nextDouble() * 0.05, Duration.ZERO,
                    Duration.ofMillis(sizing.nextInt(900)), true));
        }
        PoolSetup chosen = setup;
        long[] steps = new long[1];
        String[] plan = {"(no schedule yet: the pool did not start)"};
        try {
            SimulatedPool.run(chosen, pool -> {
                if (trace == null) {
                    pool.keepTrace(Integer.getInteger("sim.traceLines", 400));
                }
                if (forger != null) {
                    pool.attack(forger);
                }
                boolean faulty = !lossy || pool.random().nextBoolean(); // lossy networks are mostly healthy runs
                int master = pool.random().nextInt(hosts);
                startAndElectMaster(pool, master);
                FaultSchedule schedule = FaultSchedule.draw(pool, pool.time(), faultWindow, end,
                        faulty ? HEALTHY_SHARE : 1.0);
                PoolInvariants.watch(pool, schedule.healthy());
                plan[0] = schedule.toString();
                for (var e : schedule.events()) {
                    if (e.at().compareTo(end) >= 0) {
                        break;
                    }
                    pool.runFor(e.at().minus(pool.time()));
                    e.apply().accept(pool);
                }
                pool.runFor(end.minus(pool.time()));
                steps[0] = end.dividedBy(TICK);
                if (trace != null) {
                    trace.add(pool.trace());
                }
            });
        } catch (AssertionError e) {
            throw new AssertionError(replay(seed) + "\n" + e.getMessage() + "\n  " + plan[0], e);
        }
        return steps[0];
    }

    /** Every host started under INIT, Online, then {@code master} proposes itself first, as xapi does. */
    static void startAndElectMaster(SimulatedPool pool, int master) {
        pool.startAll();
        Duration limit = pool.setup().timeouts().tenable();
        assertThat(pool.runUntil(limit, () -> pool.running().size() == pool.setup().hosts()
                && pool.running().stream().allMatch(SimHost::online))).as("every host Online").isPresent();
        assertThat(pool.poolState()).contains(PoolState.ACTIVE);
        long id = pool.proposeMaster(master);
        assertThat(pool.runUntil(Duration.ofSeconds(20), () -> pool.reply(id).isPresent()))
                .as("the first proposal answered").isPresent();
        assertThat(pool.reply(id).orElseThrow().isTrue()).as("the first proposal: %s", pool.reply(id)).isTrue();
    }

    static PoolSetup setup(long seed, int hosts) {
        return PoolSetup.of(hosts, seed).withTimeouts(SimTimeouts.XAPI_T10).withTick(TICK);
    }

    static String replay(long seed) {
        return "replay: mvn -pl xhad-adapter test -Dtest=FaultScheduleSimTest#randomFaultSchedulesKeepEveryInvariant"
                + " -Dsim.seed=" + seed;
    }

    private static String firstLine(String s) {
        List<String> lines = s.lines().toList();
        return lines.stream().filter(l -> l.contains("violated") || l.contains("failed")).findFirst()
                .orElse(lines.isEmpty() ? "" : lines.get(0));
    }
}
