package org.xcp.clusterstack.whatif;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.common.sim.ScriptCalls;
import org.xcp.clusterstack.daemon.managed.sim.ManagedPool;
import org.xcp.clusterstack.daemon.managed.sim.ManagedSetup;

/**
 * The what-if of the stacks on a cluster manager (corosync, ocfs2, melio): the engine's own {@code ManagedCore}
 * for every host, driven by a model of the manager ({@link ManagedPool}) at this xhad.conf's timeouts, with the
 * fencing authority the stack declares (corosync's own watchdog; o2cb's and Melio's manager). The manager sees
 * groups, not links: the cuts must split the pool into groups. Same steps as {@link XhadWhatIf}.
 */
final class ManagedWhatIf {
    private final PoolNow now;
    private final List<Fault> faults;
    private final DaemonParameters parameters;
    private final FencingAuthority.Holder holder;
    private final int[] groups;

    ManagedWhatIf(PoolNow now, List<Fault> faults) {
        this.now = now;
        this.faults = List.copyOf(faults);
        this.parameters = now.config().parameters();
        this.holder = now.stack().equals("corosync") ? FencingAuthority.Holder.STACK_WATCHDOG
                : FencingAuthority.Holder.MANAGER;
        this.groups = groups(now.hosts(), faults);
    }

    /** The groups the cuts and isolations leave (host i in group g[i]); refused if a cut does not split the pool. */
    static int[] groups(int n, List<Fault> faults) {
        boolean[][] cut = new boolean[n][n];
        for (Fault f : faults) {
            if (f.kind() == Fault.Kind.CUT) {
                cut[f.host()][f.other()] = cut[f.other()][f.host()] = true;
            } else if (f.kind() == Fault.Kind.ISOLATE) {
                for (int j = 0; j < n; j++) {
                    cut[f.host()][j] = cut[j][f.host()] = j != f.host();
                }
            }
        }
        int[] g = new int[n];
        Arrays.fill(g, -1);
        for (int i = 0, next = 0; i < n; i++) {
            if (g[i] < 0) {
                ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(i));
                g[i] = next;
                while (!todo.isEmpty()) {
                    int a = todo.poll();
                    for (int b = 0; b < n; b++) {
                        if (g[b] < 0 && !cut[a][b] && a != b) {
                            g[b] = next;
                            todo.add(b);
                        }
                    }
                }
                next++;
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b && g[a] == g[b] && cut[a][b]) {
                    throw new IllegalArgumentException("the cut " + a + ":" + b + " leaves them in one group through"
                            + " other hosts: a cluster manager sees groups, so cut every link between the groups");
                }
            }
        }
        return g;
    }

    Prediction predict() {
        return Trials.predict(now, faults, Run::new, interval(), assumptions(setup(Duration.ZERO)));
    }

    private static final int PHASES = Trials.PHASES;

    /** The simulated pool's setup for a run at {@code phase}: its own seed, the manager's detection if known. */
    private ManagedSetup setup(Duration phase) {
        ManagedSetup base = ManagedSetup.of(now.hosts(), Trials.SEED + phase.toMillis(), holder)
                .withParameters(parameters);
        return now.detection().map(d -> base.withDetection(d.after())).orElse(base);
    }

    private Duration interval() {
        return parameters.longestInterval();
    }

    private Duration quiet() {
        return parameters.heartbeatTimeout().multipliedBy(2).plus(parameters.longestWatchdogTimeout())
                .plus(parameters.longestInterval().multipliedBy(2)).plusSeconds(10);
    }

    private List<String> assumptions(ManagedSetup s) {
        return List.of(String.format(Locale.ROOT, "the engine's ManagedCore for every host on a model of the %s"
                + " stack's cluster manager, at this xhad.conf's timeouts (Wh %d s, t2 %d s, T2 %d s); fencing by %s;"
                + " the manager notices a change in %.1f s (%s) and is sampled every %.1f s", now.stack(), parameters.heartbeatWatchdogTimeout().toSeconds(),
                parameters.statefileInterval().toSeconds(), parameters.statefileTimeout().toSeconds(),
                holder == FencingAuthority.Holder.STACK_WATCHDOG ? "the stack's watchdog" : "the manager (window "
                        + s.managerWindow().toSeconds() + " s)", s.detection().toMillis() / 1000.0,
                now.detection().map(PoolNow.ManagerDetection::source).orElse("the model's figure"),
                s.poll().toMillis() / 1000.0),
                "live now: " + list(now.live()) + " (" + now.source() + "); master "
                        + now.master().map(String::valueOf).orElse("none"),
                "every fault lands at one instant, 2 max(t1, t2) into a steady state (seed " + Trials.SEED + " and up"
                        + ", " + s.tick().toMillis() + " ms ticks), tried at " + PHASES + " phases over max(t1, t2) = "
                        + parameters.longestInterval().toSeconds() + " s: at_s is the first, earliest_s..latest_s the"
                        + " range (each phase with its own seed)",
                "a hung daemon is modelled as one that died: its watchdog still runs, its manager lives on");
    }

    private static List<Integer> list(HostSet s) {
        return Trials.list(s);
    }

    private final class Run extends SettlingTrial {
        private final ManagedSetup setup;
        private final ManagedPool pool;
        private final List<Long> proposals;

        Run(Function<ScriptCalls, List<Long>> propose, Duration phase) {
            super(ManagedWhatIf.this.now);
            setup = setup(phase);
            pool = ManagedPool.of(setup);
            pool.keepTrace(0);
            steadyState(phase);
            faultsLandNow();
            inject();
            settle(quiet(), quiet().multipliedBy(3).plusSeconds(60));
            proposals = propose.apply(pool);
            if (!proposals.isEmpty()) {
                pool.runUntil(Duration.ofSeconds(30), () -> proposals.stream().allMatch(id -> pool.reply(id).isPresent()));
            }
        }

        private void steadyState(Duration phase) {
            pool.startAll();
            HostSet all = HostSet.firstN(now.hosts());
            if (pool.runUntil(setup.tenable().plusSeconds(10), () -> agree(all)).isEmpty()) {
                throw new IllegalStateException("the simulated pool did not form");
            }
            now.master().ifPresent(m -> {
                long id = pool.proposeMaster(m);
                pool.runUntil(Duration.ofSeconds(30), () -> pool.reply(id).isPresent());
            });
            HostSet absent = all.filter(i -> !now.live().contains(i));
            absent.indexes().forEach(i -> pool.crash(i, setup.detection()));
            if (pool.runUntil(quiet().multipliedBy(3), () -> agree(now.live())).isEmpty()) {
                throw new IllegalStateException("the simulated pool did not drop the hosts not live now " + absent);
            }
            pool.runFor(parameters.longestInterval().multipliedBy(2).plus(phase));
        }

        private boolean agree(HostSet hosts) {
            return hosts.indexes().allMatch(i -> online(i) && liveIn(i).equals(hosts));
        }

        @Override
        boolean online(int i) {
            return pool.alive(i) && pool.host(i).running() && pool.liveset(i).status() == LivesetStatus.ONLINE;
        }

        @Override
        HostSet liveIn(int i) {
            Liveset l = pool.liveset(i);
            HostSet s = HostSet.EMPTY;
            for (HostEntry h : l.hosts()) {
                if (h.live() && h.index() >= 0) {
                    s = s.with(h.index());
                }
            }
            return s;
        }

        private void inject() {
            for (Fault f : faults) {
                switch (f.kind()) {
                    case FAIL -> pool.crash(f.host(), setup.detection());
                    case HANG -> pool.killDaemon(f.host());
                    case STATEFILE_LOST -> pool.statefileErrors(f.host(), true);
                    case ISOLATE, CUT -> { } // below, all at once
                }
            }
            if (IntStream.of(groups).distinct().count() > 1) {
                pool.partition(groups);
            }
        }

        @Override
        Duration time() {
            return pool.time();
        }

        @Override
        void step() {
            pool.step();
        }

        @Override
        Optional<Prediction.Fenced> fenceOf(int i) {
            String death = pool.death(i).orElse("");
            if (pool.alive(i) || death.equals("crash")) {
                return Optional.empty();
            }
            boolean selfFence = death.startsWith("self-fence: ");
            return Optional.of(new Prediction.Fenced(i, seconds(pool.deadSince(i).orElseThrow()),
                    selfFence ? "self-fence" : death.startsWith("watchdog") ? "watchdog" : "manager",
                    selfFence ? death.substring("self-fence: ".length()) : death.startsWith("watchdog")
                            ? "its watchdog was not petted for Wh = "
                                    + parameters.heartbeatWatchdogTimeout().toSeconds() + " s" : death));
        }

        @Override
        boolean statefileLost(int i) {
            return pool.liveset(i).warnings().map(w -> w.statefileLost()).orElse(false);
        }

        @Override
        HostSet runningNow() {
            return now.live().filter(i -> pool.alive(i) && pool.host(i).running());
        }

        @Override
        public Optional<Integer> master() {
            return pool.master().flatMap(id -> IntStream.range(0, now.hosts())
                    .filter(i -> pool.hostId(i).equals(id)).boxed().findFirst());
        }

        @Override
        public List<Integer> proposalsWon() {
            return proposals.stream().map(pool::reply).flatMap(Optional::stream)
                    .filter(ManagedPool.Reply::isTrue).map(ManagedPool.Reply::host).toList();
        }
    }
}
