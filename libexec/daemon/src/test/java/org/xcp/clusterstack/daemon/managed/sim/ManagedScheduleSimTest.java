package org.xcp.clusterstack.daemon.managed.sim;

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
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * Random fault schedules on stacks with an external manager, both fencing authorities (even seeds the stack's
 * watchdog, odd seeds the manager), every invariant of {@link ManagedInvariants} checked after every 100 ms step.
 * Each seed draws a pool of 2 to 5 hosts (one in ten 6 to 9), a poll interval and a detection delay, starts every
 * host under INIT, proposes a master, applies its {@link ManagedSchedule} (faults in the first 20 s) and runs to
 * 60 s, which covers a late-reported crash (up to 20 s) plus the longest fence window after the last fault.
 *
 * <p>{@code -Dsim.schedules=N} (default {@value #DEFAULT_SCHEDULES}) sets how many seeds; {@code -Dsim.seed=S}
 * replays one seed and prints its trace tail; {@code -Dsim.seedBase=B} moves the range.
 */
class ManagedScheduleSimTest {
    static final int DEFAULT_SCHEDULES = 10_000;
    private static final Duration END = Duration.ofSeconds(60);
    private static final int FAULT_WINDOW = 20;
    private static final int SHOWN = 5;

    @Test
    void randomManagedSchedulesKeepEveryInvariant() {
        Optional<Long> one = Optional.ofNullable(System.getProperty("sim.seed")).map(Long::parseLong);
        if (one.isPresent()) {
            try {
                runSchedule(one.get());
            } catch (AssertionError e) {
                System.out.println(e.getMessage());
                throw e;
            }
            return;
        }
        int schedules = Integer.getInteger("sim.schedules", DEFAULT_SCHEDULES);
        long base = Long.getLong("sim.seedBase", 1L);
        ConcurrentSkipListMap<Long, String> failures = new ConcurrentSkipListMap<>();
        AtomicLong steps = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        AtomicLong[] byHolder = {new AtomicLong(), new AtomicLong()};
        long t0 = System.nanoTime();
        LongStream.range(base, base + schedules).parallel().forEach(seed -> {
            long c0 = threads.getCurrentThreadCpuTime();
            try {
                steps.addAndGet(runSchedule(seed));
                byHolder[(int) Math.floorMod(seed, 2)].incrementAndGet();
            } catch (AssertionError e) {
                failures.put(seed, e.getMessage());
            } finally {
                cpu.addAndGet(threads.getCurrentThreadCpuTime() - c0);
            }
        });
        double minutes = (System.nanoTime() - t0) / 60e9;
        System.out.printf(Locale.ROOT, "managed schedules: %d seeds from %d (%d stack watchdog, %d manager passed) in"
                + " %.1f s, %.0f schedules/minute on %d cores (%.1f ms of CPU per schedule), %d steps; %d failed%n",
                schedules, base, byHolder[0].get(), byHolder[1].get(), minutes * 60, schedules / minutes,
                Runtime.getRuntime().availableProcessors(), cpu.get() / 1e6 / schedules, steps.get(), failures.size());
        StringBuilder report = new StringBuilder();
        failures.entrySet().stream().limit(SHOWN).forEach(f -> report.append("\n--- seed ").append(f.getKey())
                .append(": ").append(firstLine(f.getValue())));
        failures.entrySet().stream().findFirst().ifPresent(f -> report.append("\n\n--- the first in full:\n")
                .append(f.getValue()));
        assertThat(failures.keySet()).as("%d of %d schedules broke an invariant; failing seeds %s%s",
                failures.size(), schedules, failures.keySet().stream().limit(50).toList(), report).isEmpty();
    }

    /** Runs one seed's schedule; the number of steps it took. */
    static long runSchedule(long seed) {
        Random sizing = new Random(seed ^ 0x5DEECE66DL);
        int hosts = sizing.nextInt(10) == 0 ? 6 + sizing.nextInt(4) : 2 + sizing.nextInt(4);
        FencingAuthority.Holder holder = Math.floorMod(seed, 2) == 0 ? FencingAuthority.Holder.STACK_WATCHDOG
                : FencingAuthority.Holder.MANAGER;
        Duration poll = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2))
                .get(sizing.nextInt(3));
        Duration detection = Duration.ofMillis(1000 + sizing.nextInt(5000));
        ManagedSetup setup = ManagedSetup.of(hosts, seed, holder).withPoll(poll).withDetection(detection);
        String[] plan = {"(no schedule yet: the pool did not start)"};
        try {
            ManagedPool.run(setup, pool -> {
                pool.keepTrace(Integer.getInteger("sim.traceLines", 400));
                ManagedInvariants.watch(pool);
                startAndElectMaster(pool, pool.random().nextInt(hosts));
                ManagedSchedule schedule = ManagedSchedule.draw(pool, pool.time(), FAULT_WINDOW, END);
                plan[0] = schedule.toString();
                for (var e : schedule.events()) {
                    if (e.at().compareTo(END) >= 0) {
                        break;
                    }
                    if (e.at().compareTo(pool.time()) > 0) {
                        pool.runFor(e.at().minus(pool.time()));
                    }
                    e.apply().accept(pool);
                }
                pool.runFor(END.minus(pool.time()));
            });
        } catch (AssertionError e) {
            throw new AssertionError(replay(seed) + "\n" + e.getMessage() + "\n  " + plan[0], e);
        }
        return END.dividedBy(setup.tick());
    }

    /** Every host started under INIT and Online, then {@code master} proposes itself, as xapi does. */
    static void startAndElectMaster(ManagedPool pool, int master) {
        pool.startAll();
        assertThat(pool.runUntil(pool.setup().tenable(), () -> pool.runs().stream().allMatch(ManagedRun::online)))
                .as("every host Online").isPresent();
        assertThat(pool.poolState()).contains(PoolState.ACTIVE);
        long id = pool.proposeMaster(master);
        assertThat(pool.runUntil(Duration.ofSeconds(20), () -> pool.reply(id).isPresent()))
                .as("the first proposal answered").isPresent();
        assertThat(pool.reply(id).orElseThrow().isTrue()).as("the first proposal: %s", pool.reply(id)).isTrue();
    }

    static String replay(long seed) {
        return "replay: mvn -pl libexec/daemon -am test -Dtest=ManagedScheduleSimTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dsim.seed=" + seed;
    }

    private static String firstLine(String s) {
        return s.lines().filter(l -> l.contains("violated") || l.contains("failed")).findFirst()
                .orElse(s.lines().findFirst().orElse(""));
    }
}
