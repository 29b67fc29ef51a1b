package org.xcp.clusterstack.xhad.sim;

import static org.xcp.clusterstack.common.sim.Timeline.at;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.sim.Timeline;

/**
 * A random list of timed faults for one pool, drawn from the pool's seeded {@link Random}: one to three of
 * crash, hang, partition, asymmetric link, degraded link, statefile I/O errors, slowness or loss (one host
 * or all), clean stop and disarm, each healed (resumed, restarted) or not; plus master proposals as xapi
 * makes them when it looks for a master. A <em>healthy</em> schedule has no fault, only proposals.
 */
final class FaultSchedule {
    private final Timeline<SimulatedPool> timeline = new Timeline<>();
    private final boolean healthy;

    private FaultSchedule(boolean healthy) {
        this.healthy = healthy;
    }

    boolean healthy() {
        return healthy;
    }

    /** In time order. */
    List<Timeline.Event<SimulatedPool>> events() {
        return timeline.events();
    }

    /**
     * Draws faults between {@code from} and {@code from + window} seconds, heals and restarts up to {@code end}.
     * {@code healthyShare}: the share of schedules with no fault at all.
     */
    static FaultSchedule draw(SimulatedPool pool, Duration from, int window, Duration end, double healthyShare) {
        Random r = pool.random();
        int n = pool.setup().hosts();
        boolean healthy = r.nextDouble() < healthyShare;
        FaultSchedule s = new FaultSchedule(healthy);
        int proposals = 1 + r.nextInt(3);
        for (int k = 0; k < proposals; k++) {
            int h = r.nextInt(n);
            s.timeline.add(at(r, from, 1, 2 * window), "host " + h + " proposes itself as master", p -> {
                if (p.host(h).online()) {
                    p.proposeMaster(h);
                }
            });
        }
        if (healthy) {
            return s;
        }
        int faults = 1 + r.nextInt(3);
        for (int k = 0; k < faults; k++) {
            s.drawFault(r, n, at(r, from, 1, window), end);
        }
        return s;
    }

    private void drawFault(Random r, int n, Duration at, Duration end) {
        int h = r.nextInt(n);
        int other = (h + 1 + r.nextInt(Math.max(1, n - 1))) % n;
        boolean heal = r.nextDouble() < 0.6;
        Duration healAt = at.plusMillis(1000 + r.nextInt(Math.max(1, (int) end.minus(at).toMillis() / 2)));
        switch (r.nextInt(11)) {
            case 0, 1 -> {
                timeline.add(at, "crash " + h, p -> p.faults().crash(h));
                restartLater(r, h, at, end);
            }
            case 2 -> {
                timeline.add(at, "hang " + h, p -> p.faults().hang(h));
                if (heal) {
                    timeline.add(at.plusMillis(500 + r.nextInt(20_000)), "resume " + h, p -> p.faults().resume(h));
                }
                restartLater(r, h, at.plusSeconds(10), end);
            }
            case 3, 4 -> {
                HostSet side = HostSet.EMPTY;
                for (int i = 0; i < n; i++) {
                    side = r.nextBoolean() ? side.with(i) : side;
                }
                HostSet a = side.isEmpty() ? HostSet.of(h) : side.size() == n ? side.without(h) : side;
                HostSet b = new HostSet(HostSet.firstN(n).bits() & ~a.bits());
                timeline.add(at, "partition " + a + " | " + b, p -> p.faults().partition(a, b));
                if (heal) {
                    timeline.add(healAt, "heal the network", p -> p.faults().healNetwork());
                }
            }
            case 5 -> {
                timeline.add(at, "cut " + h + " -> " + other, p -> p.faults().cut(h, other));
                if (heal) {
                    timeline.add(healAt, "restore " + h + " -> " + other, p -> p.faults().restore(h, other));
                }
            }
            case 6 -> {
                Network bad = new Network(0.3 + 0.6 * r.nextDouble(), Duration.ZERO,
                        Duration.ofMillis(r.nextInt(3000)), true);
                timeline.add(at, "degrade " + h + " -> " + other, p -> p.faults().degrade(h, other, bad));
                if (heal) {
                    timeline.add(healAt, "heal the network", p -> p.faults().healNetwork());
                }
            }
            case 7 -> {
                int kind = r.nextInt(3);
                Duration slowBy = Duration.ofMillis(1000 + r.nextInt(20_000));
                timeline.add(at,
                        List.of("statefile errors on ", "statefile slow on ", "statefile lost on ").get(kind) + h,
                        p -> {
                            switch (kind) {
                                case 0 -> p.faults().statefileErrors(h);
                                case 1 -> p.faults().statefileSlow(h, slowBy);
                                default -> p.faults().loseStatefile(h);
                            }
                        });
                if (heal) {
                    timeline.add(healAt, "statefile restored on " + h, p -> p.faults().restoreStatefile(h));
                }
            }
            case 8 -> {
                boolean hangs = r.nextInt(4) == 0;
                timeline.add(at, hangs ? "statefile hangs everywhere" : "statefile lost everywhere", p -> {
                    if (hangs) {
                        p.faults().hangStatefileEverywhere();
                    } else {
                        p.faults().loseStatefileEverywhere();
                    }
                });
                if (heal) {
                    timeline.add(healAt, "statefile restored everywhere", p -> p.faults().restoreStatefileEverywhere());
                }
            }
            case 9 -> {
                timeline.add(at, "ha_stop_daemon on " + h, p -> p.stop(h));
                restartLater(r, h, at, end);
            }
            default -> timeline.add(at, "ha_disarm_fencing on " + h, p -> p.disarm(h));
        }
    }

    /** Sometimes, xapi starts a dead or stopped host's daemon again (ha_start_daemon at boot). */
    private void restartLater(Random r, int h, Duration after, Duration end) {
        if (r.nextBoolean()) {
            Duration when = after.plusMillis(5000 + r.nextInt(50_000));
            if (when.compareTo(end) < 0) {
                timeline.add(when, "restart " + h, p -> {
                    if (!p.host(h).running() && p.poolState().orElse(PoolState.NONE) == PoolState.ACTIVE) {
                        p.faults().restart(h);
                    }
                });
            }
        }
    }


    @Override
    public String toString() {
        return timeline.describe(healthy ? "healthy schedule" : "fault schedule");
    }
}
