package org.xcp.clusterstack.daemon.managed.sim;

import static org.xcp.clusterstack.common.sim.Timeline.at;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.sim.Timeline;

/**
 * A random plan of faults and scripts for one managed pool, drawn from the pool's seeded {@link Random}: partitions
 * and heals (quorum flaps among them), a silent manager tool, a manager service that dies, slow and hung sampling
 * commands, crashes the manager reports late, daemons killed while the manager lives, whole-host crashes and
 * reboots, daemons started again, statefile I/O errors and slow cycles, and xapi's scripts at random times:
 * {@code ha_propose_master} on several hosts, disarm, disarm + stop, disarm + set_excluded, set_pool_state invalid.
 */
final class ManagedSchedule {
    private final Timeline<ManagedPool> timeline = new Timeline<>();

    /** In time order. */
    List<Timeline.Event<ManagedPool>> events() {
        return timeline.events();
    }

    static ManagedSchedule draw(ManagedPool pool, Duration from, int window, Duration end) {
        Random r = pool.random();
        int n = pool.setup().hosts();
        ManagedSchedule s = new ManagedSchedule();
        int proposals = 1 + r.nextInt(3);
        Duration together = at(r, from, 1, 2 * window);
        for (int k = 0; k < proposals; k++) {
            int h = r.nextInt(n);
            Duration when = r.nextBoolean() ? together : at(r, from, 1, 2 * window);
            s.timeline.add(when, "host " + h + " proposes itself as master", p -> p.proposeMaster(h));
        }
        int faults = 1 + r.nextInt(3);
        for (int k = 0; k < faults; k++) {
            s.drawFault(r, n, at(r, from, 1, window), end);
        }
        return s;
    }

    private void drawFault(Random r, int n, Duration at, Duration end) {
        int h = r.nextInt(n);
        boolean heal = r.nextDouble() < 0.6;
        Duration healAt = at.plusMillis(500 + r.nextInt(Math.max(1, (int) end.minus(at).toMillis() / 2)));
        Duration join = Duration.ofMillis(500 + r.nextInt(3500));
        switch (r.nextInt(13)) {
            case 0, 1 -> {
                int[] groups = new int[n];
                int parts = 2 + r.nextInt(Math.min(2, n - 1));
                for (int i = 0; i < n; i++) {
                    groups[i] = r.nextInt(parts);
                }
                boolean flap = r.nextInt(3) == 0;
                timeline.add(at, (flap ? "quorum flap " : "partition ") + java.util.Arrays.toString(groups),
                        p -> p.partition(groups));
                if (flap) {
                    timeline.add(at.plusMillis(300 + r.nextInt(4000)), "heal the network", p -> p.heal(join));
                } else if (heal) {
                    timeline.add(healAt, "heal the network", p -> p.heal(join));
                }
            }
            case 2 -> {
                timeline.add(at, "the manager's tool on " + h + " goes silent", p -> p.silentTool(h, true));
                timeline.add(at.plusMillis(2000 + r.nextInt(25_000)), "the manager's tool on " + h + " answers again",
                        p -> p.silentTool(h, false));
            }
            case 3 -> {
                timeline.add(at, "the manager service on " + h + " dies", p -> p.managerService(h, false,
                        p.setup().detection()));
                if (heal) {
                    timeline.add(healAt, "the manager service on " + h + " starts", p -> {
                        if (p.alive(h)) {
                            p.managerService(h, true, join);
                        }
                    });
                }
            }
            case 4 -> {
                if (r.nextBoolean()) {
                    Duration span = Duration.ofMillis(3000 + r.nextInt(12_000));
                    timeline.add(at, "slow sampling commands on " + h + " for " + span, p -> p.slowCommands(h, span));
                } else {
                    int polls = 3 + r.nextInt(6);
                    timeline.add(at, "a sampling command on " + h + " hangs for " + polls + " polls",
                            p -> p.hungCommand(h, p.setup().poll().multipliedBy(polls)));
                }
            }
            case 5 -> {
                Duration hide = Duration.ofMillis(8000 + r.nextInt(12_000));
                timeline.add(at, "crash " + h + ", still a member for " + hide, p -> p.crash(h, hide));
                rebootLater(r, h, at, end, join);
            }
            case 6 -> {
                timeline.add(at, "the daemon on " + h + " is killed", p -> p.killDaemon(h));
                restartDaemonLater(r, h, at, end);
            }
            case 7 -> {
                timeline.add(at, "crash " + h, p -> p.crash(h, Duration.ZERO));
                rebootLater(r, h, at, end, join);
            }
            case 8 -> {
                if (r.nextBoolean()) {
                    timeline.add(at, "statefile I/O errors on " + h, p -> p.statefileErrors(h, true));
                    if (heal) {
                        timeline.add(healAt, "statefile I/O errors on " + h + " end", p -> p.statefileErrors(h, false));
                    }
                } else {
                    Duration by = Duration.ofMillis(1000 + r.nextInt((int) ManagedInvariants.SLOWEST_CYCLE.toMillis()
                            - 1000));
                    timeline.add(at, "statefile cycles on " + h + " slow by " + by, p -> p.statefileSlow(h, by));
                    timeline.add(healAt, "statefile cycles on " + h + " fast again",
                            p -> p.statefileSlow(h, Duration.ZERO));
                }
            }
            case 9 -> {
                timeline.add(at, "xapi shuts " + h + " down: disarm, stop", p -> {
                    p.disarm(h);
                    p.step();
                    p.stop(h);
                });
                restartDaemonLater(r, h, at, end);
            }
            case 10 -> timeline.add(at, "ha_disarm_fencing on " + h, p -> p.disarm(h));
            case 11 -> timeline.add(at, "ha_disarm_fencing then ha_set_excluded on " + h, p -> {
                p.disarm(h);
                p.step();
                p.setExcluded(h, true);
            });
            default -> {
                if (r.nextInt(3) == 0) {
                    timeline.add(at, "ha_set_pool_state invalid on " + h, p -> p.setPoolState(h, PoolState.INVALID));
                } else {
                    timeline.add(at, "ha_set_pool_state active on " + h, p -> p.setPoolState(h, PoolState.ACTIVE));
                }
            }
        }
    }

    private void rebootLater(Random r, int h, Duration after, Duration end, Duration join) {
        if (r.nextBoolean()) {
            Duration when = after.plusMillis(3000 + r.nextInt(30_000));
            if (when.compareTo(end) < 0) {
                timeline.add(when, "reboot " + h, p -> p.reboot(h, join));
            }
        }
    }

    private void restartDaemonLater(Random r, int h, Duration after, Duration end) {
        if (r.nextDouble() < 0.6) {
            Duration when = after.plusMillis(1000 + r.nextInt(30_000));
            if (when.compareTo(end) < 0) {
                timeline.add(when, "ha_start_daemon on " + h, p -> {
                    if (p.alive(h) && p.poolState().orElse(PoolState.NONE) == PoolState.ACTIVE) {
                        p.start(h);
                    }
                });
            }
        }
    }


    @Override
    public String toString() {
        return timeline.describe("schedule:");
    }
}
