package org.xcp.clusterstack.whatif;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
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
    private final class Run extends SettlingTrial {
        private final SimulatedPool pool;
        private final List<Long> proposals;

        Run(Function<ScriptCalls, List<Long>> propose, Duration phase) {
            super(XhadWhatIf.this.now);
            pool = SimulatedPool.of(PoolSetup.of(now.hosts(), SEED + phase.toMillis()).withTimeouts(timeouts)
                    .withTick(TICK));
            pool.keepTrace(0);
            steadyState(phase);
            faultsLandNow();
            faults.forEach(inject());
            settle(quiet(), bound());
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
            SimHost h = pool.host(i);
            return h.fencedAt().map(at -> {
                boolean watchdog = h.fenceReason().orElse("").startsWith("watchdog");
                return new Prediction.Fenced(i, seconds(at), watchdog ? "watchdog" : "self-fence", watchdog
                        ? "its watchdog was not refreshed for Wh = " + s(timeouts.wh())
                        : h.fenceReason().orElseThrow().replaceFirst("^self-fence: ", ""));
            });
        }

        @Override
        HostSet runningNow() {
            return now.live().filter(i -> pool.host(i).running() && !pool.host(i).hung());
        }

        @Override
        boolean online(int i) {
            return pool.host(i).online();
        }

        @Override
        HostSet liveIn(int i) {
            return pool.host(i).liveset();
        }

        @Override
        boolean statefileLost(int i) {
            return pool.host(i).view().statefileLost();
        }

        @Override
        boolean hung(int i) {
            return pool.host(i).running() && pool.host(i).hung();
        }

        @Override
        public Optional<Integer> master() {
            return pool.master().flatMap(id -> IntStream.range(0, now.hosts())
                    .filter(i -> pool.hostId(i).equals(id)).boxed().findFirst());
        }

        @Override
        public List<Integer> proposalsWon() {
            return proposals.stream().map(pool::reply).flatMap(Optional::stream)
                    .filter(r -> r.isTrue()).map(r -> r.host()).toList();
        }
    }
}
