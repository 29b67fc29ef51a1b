package org.xcp.clusterstack.xhad.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16's property: for any sequence of datagrams forged from outside the key, a keyed pool decides exactly what
 * it decides without them. Each seed runs its {@link FaultScheduleSimTest} schedule (crashes, hangs, partitions,
 * lossy links, restarts) on a keyed pool twice, once with a {@link SimAdversary} sending every kind of forgery to
 * every host (about {@value #PER_STEP} per host and 100 ms step), and the two runs' traces (every heartbeat, statefile
 * cycle, liveset, fence, reply, in order and in virtual time) must be the same line for line.
 *
 * <p>{@code -Dsim.forgedSchedules=N} (default {@value #DEFAULT_SCHEDULES}) sets how many seeds.
 */
class ForgedHeartbeatsSimTest {
    static final int DEFAULT_SCHEDULES = 500;
    static final double PER_STEP = 0.5;

    @Test
    void forgedDatagramsChangeNoDecisionOfAKeyedPool() {
        int schedules = Integer.getInteger("sim.forgedSchedules", DEFAULT_SCHEDULES);
        Map<Long, String> differences = new ConcurrentSkipListMap<>();
        Map<SimAdversary.Forgery, Long> forged = new EnumMap<>(SimAdversary.Forgery.class);
        long t0 = System.nanoTime();
        LongStream.rangeClosed(1, schedules).parallel().forEach(seed -> {
            List<List<String>> traces = new ArrayList<>();
            FaultScheduleSimTest.runSchedule(seed, true, null, traces);
            SimAdversary forger = new SimAdversary(seed, PER_STEP);
            FaultScheduleSimTest.runSchedule(seed, true, forger, traces);
            synchronized (forged) {
                forger.sent().forEach((k, v) -> forged.merge(k, v, Long::sum));
            }
            String difference = firstDifference(traces.get(0), traces.get(1));
            if (!difference.isEmpty()) {
                differences.put(seed, difference);
            }
        });
        System.out.printf(java.util.Locale.ROOT, "forged heartbeats: %d keyed schedules twice in %.1f s, forgeries %s;"
                + " %d runs differed%n", schedules, (System.nanoTime() - t0) / 1e9, forged, differences.size());
        assertThat(forged.keySet()).as("every kind of forgery was tried").containsAll(
                List.of(SimAdversary.Forgery.values()));
        assertThat(differences).as("runs whose decisions the forger changed (seed: first difference)").isEmpty();
    }

    /** The first line where the two traces part, with its neighbours; empty when they are the same. */
    private static String firstDifference(List<String> without, List<String> with) {
        int n = Math.min(without.size(), with.size());
        for (int i = 0; i < n; i++) {
            if (!without.get(i).equals(with.get(i))) {
                return "line " + i + ": without forgeries '" + without.get(i) + "', with '" + with.get(i) + "'";
            }
        }
        return without.size() == with.size() ? "" : "lengths " + without.size() + " and " + with.size();
    }
}
