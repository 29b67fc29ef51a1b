package org.xcp.clusterstack.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.sim.ScriptCalls;
import org.xcp.clusterstack.xhad.sim.PoolSetup;
import org.xcp.clusterstack.xhad.sim.SimHost;
import org.xcp.clusterstack.xhad.sim.SimTimeouts;
import org.xcp.clusterstack.xhad.sim.SimulatedPool;

/**
 * The what-if of the xhad stack: the engine's own {@code XhadCore} for every host of the pool, on the deterministic
 * simulator ({@link SimulatedPool}) with this pool's host count and timeouts. The pool is brought to steady state
 * (every host started, the master elected, the hosts that are not live now crashed and dropped), the faults land
 * at one instant, and the pool runs until nothing changed for a quiet span (at most {@link #bound}).
 */
final class XhadWhatIf {
    /** The daemon's own loop ticks every 100 ms. */
    static final Duration TICK = Duration.ofMillis(100);
    static final long SEED = Trials.SEED;
    private static final int PHASES = Trials.PHASES;

    private final PoolNow now;
    private final List<Fault> faults;
    private final SimTimeouts timeouts;

    XhadWhatIf(PoolNow now, List<Fault> faults) {
        this.now = now;
        this.faults = List.copyOf(faults);
        this.timeouts = SimTimeouts.of(now.config());
    }

    Prediction predict() {
        return Trials.predict(now, faults, Run::new, interval(), assumptions());
    }

    private Duration interval() {
        return timeouts.maxInterval();
    }

    /** How long a what-if may run after the faults before it reports the pool as not settled. */
    Duration bound() {
        return quiet().multipliedBy(3).plusSeconds(60);
    }

    /**
     * The span without any change after which the pool counts as settled: longer than the slowest drop after a
     * silent change (a crash changes nothing else): T to notice, a fault-handler round, the FH4 wait for the
     * watchdogs, and an interval each way.
     */
    Duration quiet() {
        return timeouts.maxTimeout().multipliedBy(2).plus(timeouts.fh4Wait()).plus(timeouts.maxWatchdog())
                .plus(timeouts.maxInterval().multipliedBy(2));
    }

    private List<String> assumptions() {
        return List.of("the engine's XhadCore for every host, at this xhad.conf's timeouts: t1 " + s(timeouts.t1())
                + ", T1 " + s(timeouts.bigT1()) + ", t2 " + s(timeouts.t2()) + ", T2 " + s(timeouts.bigT2()) + ", Wh "
                + s(timeouts.wh()) + ", Ws " + s(timeouts.ws()),
                "live now: " + list(now.live()) + " (" + now.source() + "); master " + now.master().map(String::valueOf)
                        .orElse("none"),
                "every fault lands at one instant, 2 max(t1, t2) into a steady state (seed " + SEED + " and up, "
                        + TICK.toMillis() + " ms ticks), tried at " + PHASES + " phases over max(t1, t2) = "
                        + s(timeouts.maxInterval()) + ": at_s is the first, earliest_s..latest_s the range (each phase"
                        + " with its own seed, its hosts started that far apart)",
                "a network without loss or delay but for the cuts; a statefile lost on a host fails with I/O"
                        + " errors; a hung daemon's host stays hung (its watchdog still runs)");
    }

    private static String s(Duration d) {
        return d.toSeconds() + " s";
    }

    private static List<Integer> list(HostSet s) {
        return Trials.list(s);
    }

    /** One deterministic run: steady state, the faults, settled; then {@code proposals}, if any, and their answers. */
    private final class Run implements Trials.Trial {
        private final SimulatedPool pool;
        private final List<Prediction.Fenced> fenced = new ArrayList<>();
        private final List<Prediction.Dropped> dropped = new ArrayList<>();
        private final List<Long> proposals;
        private Optional<Double> settled = Optional.empty();
        private Optional<Double> statefileLost = Optional.empty();
        private Duration faultAt;

        Run(Function<ScriptCalls, List<Long>> propose, Duration phase) {
            pool = SimulatedPool.of(PoolSetup.of(now.hosts(), SEED + phase.toMillis()).withTimeouts(timeouts)
                    .withTick(TICK));
            pool.keepTrace(0);
            steadyState(phase);
            faultAt = pool.time();
            faults.forEach(inject());
            settle();
            proposals = propose.apply(pool);
            if (!proposals.isEmpty()) {
                pool.runUntil(Duration.ofSeconds(30), () -> proposals.stream().allMatch(id -> pool.reply(id).isPresent()));
            }
        }

        private void steadyState(Duration phase) {
            // each phase also starts the hosts that much apart: a real pool's hosts run their timers out of step
            for (int i = 0; i < now.hosts(); i++) {
                if (phase.isZero() || i == 0) {
                    pool.start(i);
                } else {
                    pool.startAt(i, pool.time().plus(phase.multipliedBy(i)));
                }
            }
            HostSet all = HostSet.firstN(now.hosts());
            if (pool.runUntil(timeouts.tenable().plusSeconds(10), () -> started() && agree(all)).isEmpty()) {
                throw new IllegalStateException("the simulated pool did not form (pool state "
                        + pool.poolState().map(PoolState::name).orElse("?") + ")");
            }
            now.master().ifPresent(m -> {
                long id = pool.proposeMaster(m);
                pool.runUntil(Duration.ofSeconds(30), () -> pool.reply(id).isPresent());
            });
            HostSet absent = all.filter(i -> !now.live().contains(i));
            absent.indexes().forEach(pool.faults()::crash);
            if (pool.runUntil(bound(), () -> agree(now.live())).isEmpty()) {
                throw new IllegalStateException("the simulated pool did not drop the hosts not live now " + absent);
            }
            pool.runFor(timeouts.maxInterval().multipliedBy(2).plus(phase));
        }

        private boolean started() {
            return pool.runs().size() >= now.hosts();
        }

        /** Every host of {@code hosts} runs Online and its liveset is {@code hosts}. */
        private boolean agree(HostSet hosts) {
            return hosts.indexes().allMatch(i -> pool.host(i).online() && pool.host(i).liveset().equals(hosts));
        }

        private Consumer<Fault> inject() {
            return f -> {
                switch (f.kind()) {
                    case FAIL -> pool.faults().crash(f.host());
                    case HANG -> pool.faults().hang(f.host());
                    case ISOLATE -> {
                        for (int j = 0; j < now.hosts(); j++) {
                            if (j != f.host()) {
                                pool.faults().cut(f.host(), j);
                                pool.faults().cut(j, f.host());
                            }
                        }
                    }
                    case CUT -> {
                        pool.faults().cut(f.host(), f.other());
                        pool.faults().cut(f.other(), f.host());
                    }
                    case STATEFILE_LOST -> pool.faults().statefileErrors(f.host());
                }
            };
        }

        /** Runs until nothing changed for {@link #quiet()}, noting each fence and each drop as it happens. */
        private void settle() {
            Duration end = faultAt.plus(bound());
            Duration lastChange = faultAt;
            String state = state();
            HostSet noted = HostSet.EMPTY;
            HostSet droppedSoFar = HostSet.EMPTY;
            while (pool.time().compareTo(end) < 0 && pool.time().minus(lastChange).compareTo(quiet()) < 0) {
                pool.step();
                for (int i : now.live().toArray()) {
                    SimHost h = pool.host(i);
                    if (!noted.contains(i) && h.fencedAt().isPresent()) {
                        noted = noted.with(i);
                        boolean watchdog = h.fenceReason().orElse("").startsWith("watchdog");
                        fenced.add(new Prediction.Fenced(i, seconds(h.fencedAt().get()),
                                watchdog ? "watchdog" : "self-fence", watchdog ? "its watchdog was not refreshed for"
                                        + " Wh = " + s(timeouts.wh()) : h.fenceReason().orElseThrow()
                                        .replaceFirst("^self-fence: ", "")));
                    }
                }
                HostSet alive = runningNow();
                for (int j : now.live().toArray()) {
                    if (!droppedSoFar.contains(j) && !alive.isEmpty() && !alive.contains(j)
                            && alive.indexes().allMatch(i -> !pool.host(i).liveset().contains(j))) {
                        droppedSoFar = droppedSoFar.with(j);
                        dropped.add(new Prediction.Dropped(j, seconds(pool.time())));
                    }
                }
                boolean lost = !alive.isEmpty() && alive.indexes().allMatch(this::statefileLost);
                if (!lost) {
                    statefileLost = Optional.empty();
                } else if (statefileLost.isEmpty()) {
                    statefileLost = Optional.of(seconds(pool.time()));
                }
                String s = state();
                if (!s.equals(state)) {
                    state = s;
                    lastChange = pool.time();
                }
            }
            if (pool.time().minus(lastChange).compareTo(quiet()) >= 0) {
                settled = Optional.of(seconds(lastChange));
            }
        }

        /** Host {@code i}'s liveset says statefile_lost (SR-2, spec §7.3). */
        private boolean statefileLost(int i) {
            return pool.host(i).view().statefileLost();
        }

        private HostSet runningNow() {
            return now.live().filter(i -> pool.host(i).running() && !pool.host(i).hung());
        }

        /** What counts as a change: who runs, each running host's state and liveset. */
        private String state() {
            StringBuilder b = new StringBuilder();
            for (int i : now.live().toArray()) {
                SimHost h = pool.host(i);
                b.append(i).append(h.running() ? (h.hung() ? "H" : h.online() ? "O" : "S") + h.liveset()
                        + (h.hung() ? "" : statefileLost(i) ? "L" : "") : "-");
            }
            return b.toString();
        }

        @Override
        public List<Prediction.Fenced> fenced() {
            return fenced;
        }

        @Override
        public List<Prediction.Dropped> dropped() {
            return dropped;
        }

        @Override
        public Optional<Double> statefileLost() {
            return statefileLost;
        }

        @Override
        public Optional<Double> settled() {
            return settled;
        }

        @Override
        public HostSet survivors() {
            return runningNow().filter(i -> pool.host(i).online());
        }

        @Override
        public Optional<Integer> master() {
            return pool.master().flatMap(id -> java.util.stream.IntStream.range(0, now.hosts())
                    .filter(i -> pool.hostId(i).equals(id)).boxed().findFirst());
        }

        @Override
        public List<Integer> liveset() {
            HostSet s = survivors();
            return s.isEmpty() ? List.of() : list(pool.host(s.indexes().findFirst().getAsInt()).liveset());
        }

        @Override
        public List<Integer> proposalsWon() {
            return proposals.stream().map(pool::reply).flatMap(Optional::stream)
                    .filter(r -> r.isTrue()).map(r -> r.host()).toList();
        }

        private double seconds(Duration at) {
            return Trials.seconds(faultAt, at);
        }
    }
}
