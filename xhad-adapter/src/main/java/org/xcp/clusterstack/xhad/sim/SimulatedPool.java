package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.common.core.Request;
import org.xcp.clusterstack.common.sim.ScriptCalls;
import org.xcp.clusterstack.common.sim.VirtualTime;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatWire;
import org.xcp.clusterstack.xhad.heartbeat.Received;

/**
 * N pure {@link XhadCore}s in one thread on a virtual clock: no sockets, no files, no real time. Every
 * tick ({@link PoolSetup#tick()}) the clock advances, scheduled hosts start, watchdogs of armed hosts that were not
 * refreshed for Wh reset their hosts, delayed heartbeats arrive, finished statefile cycles are reported,
 * and each running host that is not hung takes one turn (queued script requests, then a tick), in an order
 * drawn from the seeded {@link Random}; then every observer (an invariant checker) looks at the pool. The
 * actions are carried out as {@code XhadEngine} and {@code StatefileIo} do, on an in-memory
 * {@link StatefileImage}. Faults are injected through {@link #faults()}. The same {@link PoolSetup} and
 * scenario always give the same run.
 */
public final class SimulatedPool implements ScriptCalls, VirtualTime {
    /** The virtual nanoTime when the pool begins: like a host's monotonic clock, far from 0. */
    private static final long ORIGIN = 1_000_000_000_000L;

    private final PoolSetup setup;
    private final Random random;
    private final List<DaemonConfig> configs;
    private final SimHost[] current;
    private final List<SimHost> runs = new ArrayList<>();
    private final Duration[] scheduledStarts;
    private final SimNetwork network;
    private final Map<Long, SimReply> replies = new LinkedHashMap<>();
    private final SimTrace trace = new SimTrace();
    private final SimStatefile statefileIo;
    private final SimFaults faults;
    private final List<Consumer<SimulatedPool>> observers = new ArrayList<>();
    private StatefileImage statefile;
    private long elapsed;
    private long lastRequestId;
    private Forger adversary;

    SimulatedPool(PoolSetup setup) {
        this.setup = setup;
        this.random = new Random(setup.seed());
        this.configs = SimConfigs.pool(setup.hosts(), setup.timeouts());
        this.current = new SimHost[setup.hosts()];
        this.scheduledStarts = new Duration[setup.hosts()];
        this.network = new SimNetwork(setup.network(), random, configs, trace);
        this.statefileIo = new SimStatefile(this, setup.hosts());
        this.faults = new SimFaults(this);
        StatefileImage init = StatefileImage.initial(configs.get(0).generation(), setup.hosts());
        this.statefile = init.withGlobal(init.global().withPoolState(setup.poolState()));
    }

    /** A new pool, not yet started: for a caller that runs it itself (the what-if of {@code cluster-stack simulate}). */
    public static SimulatedPool of(PoolSetup setup) {
        return new SimulatedPool(setup);
    }

    /**
     * Runs {@code scenario} on a new pool; any failure is reported with the seed, the virtual time and every
     * host's state, so that the run can be repeated exactly.
     */
    public static void run(PoolSetup setup, Consumer<SimulatedPool> scenario) {
        SimulatedPool pool = new SimulatedPool(setup);
        try {
            scenario.accept(pool);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulated pool, seed " + setup.seed() + ", failed at " + pool.time() + ": "
                    + e.getMessage() + "\n" + pool.dump(), e);
        }
    }

    // ---- the pool's life ----

    /** Starts the daemon of host {@code i} now, as {@code ha_start_daemon} would. */
    public SimHost start(int i) {
        if (current[i] != null && current[i].running()) {
            throw new IllegalStateException("host " + i + " already runs (xhad: exit 15)");
        }
        PoolState pool = poolState().orElse(PoolState.NONE);
        if (pool != PoolState.INIT && pool != PoolState.ACTIVE) {
            // StatefileIo.open refuses before a core exists (8 or 11): nothing for the simulator to run
            throw new IllegalStateException("host " + i + " cannot start under pool state " + pool);
        }
        DaemonConfig config = configs.get(i);
        var own = statefile.host(i);
        boolean excluded = own.excluded() != 0 && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
        XhadCore core = (setup.cXhad().contains(i) ? setup.cXhadModel() : PoolSetup.OUR_CORE)
                .core(config, statefile.global(), excluded, nanos());
        int run = (int) runs.stream().filter(h -> h.index() == i).count() + 1;
        SimHost host = new SimHost(i, run, config, core, this::nanos, time());
        // a new life's incarnation: later than every earlier one of this host, as wall-clock time makes it
        setup.keys().ifPresent(k -> host.wire = HeartbeatWire.keyed(config, k, (nanos() / 1_000_000) << 20 | run));
        current[i] = host;
        runs.add(host);
        scheduledStarts[i] = null;
        trace.add(time(), i, "start, run " + run + (excluded ? ", excluded" : ""));
        return host;
    }

    public void startAll() {
        for (int i = 0; i < current.length; i++) {
            start(i);
        }
    }

    /** Starts host {@code i} at the first tick at or after {@code at} (virtual time since the pool began). */
    public void startAt(int i, Duration at) {
        scheduledStarts[i] = at;
    }

    /** {@code ha_stop_daemon}: the core ends cleanly at once (a daemon that is not running: nothing to do). */
    public void stop(int i) {
        if (host(i).running()) {
            execute(host(i), host(i).core().stop());
        }
    }

    /** Queues a script request for host {@code i}'s next turn; its reply arrives in {@link #reply}. */
    @Override
    public long request(int i, LongFunction<Request> request) {
        long id = ++lastRequestId;
        Request r = request.apply(id);
        trace.add(time(), i, "request " + r);
        if (current[i] == null || !current[i].running()) {
            record(i, new Action.Reply(id, ExitCode.DAEMON_IS_NOT_PRESENT, "")); // the script finds no daemon
        } else {
            current[i].inbox.add(r);
        }
        return id;
    }

    /** Advances the clock by one tick, lets every host take its turn, then shows the pool to every observer. */
    @Override
    public void step() {
        elapsed += setup.tick().toNanos();
        for (int i = 0; i < scheduledStarts.length; i++) {
            if (scheduledStarts[i] != null && scheduledStarts[i].compareTo(time()) <= 0) {
                start(i);
            }
        }
        fireWatchdogs();
        if (adversary != null) {
            adversary.forge(nanos(), this).forEach(network::inject);
        }
        network.due(nanos()).forEach(this::receive);
        statefileIo.due().forEach(done -> execute(done.getKey(), done.getValue()));
        List<SimHost> order = new ArrayList<>(Arrays.stream(current).filter(h -> h != null && h.active()).toList());
        Collections.shuffle(order, random);
        for (SimHost h : order) {
            while (h.active() && !h.inbox.isEmpty()) {
                execute(h, h.core().request(h.inbox.poll(), nanos()));
            }
            if (h.active()) {
                execute(h, h.core().tick(nanos()));
                forgetSequencesOfLeavers(h);
            }
        }
        observers.forEach(o -> o.accept(this));
    }

    /** Puts {@code forger} on the wire from now on: it hears what hosts get and sends what it likes. */
    void attack(Forger forger) {
        this.adversary = forger;
    }

    /** The daemon of host {@code i} now, if one runs. */
    Optional<SimHost> currentRun(int i) {
        return Optional.ofNullable(current[i]).filter(SimHost::active);
    }

    List<DaemonConfig> configs() {
        return configs;
    }

    /** {@code observer} looks at the pool after every step from now on (and may throw to fail the run). */
    public void afterEveryStep(Consumer<SimulatedPool> observer) {
        observers.add(observer);
    }

    /** Keeps only the last {@code lines} lines of the trace (a long run's dump needs only its tail). */
    public void keepTrace(int lines) {
        trace.limit(lines);
    }

    /** Crashes, hangs, partitions, statefile trouble: every fault the simulator can inject. */
    /** When host {@code i} (any run) last wrote its statefile section, in virtual time. */
    public Optional<Duration> lastStatefileWrite(int i) {
        return statefileIo.lastWrite(i);
    }

    public SimFaults faults() {
        return faults;
    }


    // ---- what tests look at ----

    /** Virtual time since the pool began. */
    @Override
    public Duration time() {
        return Duration.ofNanos(elapsed);
    }

    /** The seeded source of every random choice; tests draw their own faults and delays from it too. */
    public Random random() {
        return random;
    }

    public PoolSetup setup() {
        return setup;
    }

    /** The latest run of host {@code i}. */
    public SimHost host(int i) {
        if (current[i] == null) {
            throw new IllegalStateException("host " + i + " was never started");
        }
        return current[i];
    }

    public List<SimHost> running() {
        return Arrays.stream(current).filter(h -> h != null && h.running()).toList();
    }

    /** Every run of every host, in the order they started. */
    public List<SimHost> runs() {
        return List.copyOf(runs);
    }

    public Optional<SimReply> reply(long id) {
        return Optional.ofNullable(replies.get(id));
    }

    public List<SimReply> replies() {
        return List.copyOf(replies.values());
    }

    public StatefileImage statefile() {
        return statefile;
    }

    /** The global pool state as on the statefile. */
    public Optional<PoolState> poolState() {
        return statefile.global().poolStateValue();
    }

    public Optional<HaUuid> master() {
        return statefile.global().masterHost();
    }

    public HaUuid hostId(int i) {
        return configs.get(i).hosts().get(i).id();
    }

    /** Every action of every host, one line each: two runs with the same setup give the same lines. */
    public List<String> trace() {
        return List.copyOf(trace.lines());
    }

    public String dump() {
        StringBuilder s = new StringBuilder("  pool: " + setup + ", at " + time() + ", statefile pool state "
                + poolState().map(Enum::name).orElse("?") + ", master " + master().map(HaUuid::compact).orElse("none"));
        for (SimHost h : runs) {
            s.append("\n  ").append(h);
            h.log().stream().skip(Math.max(0, h.log().size() - Integer.getInteger("sim.logLines", 8))).forEach(l -> s.append("\n      ").append(l));
        }
        s.append("\n  faults:");
        faults.log().forEach(l -> s.append("\n    ").append(l));
        s.append("\n  last actions:");
        trace.tail(Integer.getInteger("sim.traceLines", 40)).forEach(l -> s.append("\n    ").append(l));
        return s.toString();
    }

    // ---- carrying out actions, as XhadEngine does ----

    private void execute(SimHost h, List<Action> actions) {
        for (Action action : actions) {
            if (!h.alive()) {
                return; // reset: nothing after a self-fence happens
            }
            trace.add(time(), h.index(), () -> SimTrace.describe(action));
            if (!h.running() && (action instanceof XhadCore.SendHeartbeat || action instanceof Action.StatefileCycle)) {
                continue; // the socket and the statefile are closed once the engine ends
            }
            if (action instanceof XhadCore.SendHeartbeat s) {
                h.sentHeartbeat(s.packet(), time());
                if (h.wire != null) {
                    network.sendSealed(h.index(), h.wire.seal(s.packet()), nanos(), time(), s.packet().sequence())
                            .forEach(this::receive);
                } else {
                    network.send(h.index(), s.packet(), nanos(), time()).forEach(this::receive);
                }
            } else if (action instanceof Action.StatefileCycle c) {
                statefileIo.issue(h, c).ifPresent(answer -> execute(h, answer));
            } else if (action instanceof Action.PetWatchdog) {
                h.petted(time());
            } else if (action instanceof Action.SelfFence f) {
                h.recorded(f.record());
                h.fenced("self-fence: " + f.reason(), time());
            } else if (action instanceof Action.Record r) {
                h.recorded(r.event());
                h.log(time() + " journal " + r.event().kind().wire() + ": " + r.event().summary());
            } else if (action instanceof Action.ArmFencing) {
                h.armed(true, time());
            } else if (action instanceof Action.DisarmFencing) {
                h.armed(false, time());
            } else if (action instanceof Action.BecameOnline) {
                h.becameOnline(time());
            } else if (action instanceof Action.Reply r) {
                record(h.index(), r);
            } else if (action instanceof Action.End e) {
                h.ended(e, time());
            } else if (action instanceof Action.Log l) {
                h.log(time() + " " + l.message());
            }
        }
    }

    private void record(int host, Action.Reply r) {
        replies.put(r.requestId(), new SimReply(host, r.requestId(), r.code(), r.stdout(), time()));
    }

    /** What UdpHeartbeat does with a datagram for a running daemon: the §6.3 step 2 filter, then the core. */
    private void receive(SimNetwork.Delivery d) {
        SimHost h = current[d.receiver()];
        if (h == null || !h.active()) {
            return; // nobody listens on that port, or a hung host's socket buffer overflows (not modelled)
        }
        if (d.datagram() != null) {
            Received r = h.wire.admit(d.datagram(), d.datagram().length, d.source());
            if (adversary != null && !d.forged()) {
                adversary.observe(d, h.run());
            }
            if (r.packet().isEmpty()) {
                if (!d.forged()) { // a forgery leaves no trace: the run must be the one without it
                    trace.add(time(), d.receiver(), () -> "refused a heartbeat: " + r.dropReason().orElseThrow());
                }
                return;
            }
            execute(h, h.core().onHeartbeat(r.packet().get(), d.at()));
            return;
        }
        HeartbeatPacket p = d.packet();
        if (!h.sequences.accept(p.hostIndex(), p.sequence())) {
            trace.add(time(), d.receiver(), "dropped old heartbeat " + p.sequence() + " from " + p.hostIndex());
            return;
        }
        execute(h, h.core().onHeartbeat(p, d.at()));
    }

    /** §6.3: a sender that left my hbdomain counts from 1 again when it comes back (XhadEngine's reset). */
    private void forgetSequencesOfLeavers(SimHost h) {
        var now = h.view().hbdomain();
        h.hbdomain.indexes().filter(i -> !now.contains(i)).forEach(h.sequences::reset);
        h.hbdomain = now;
    }

    /**
     * §7.4: an armed host's heartbeat watchdog resets it Wh after its last refresh, whether it hung, its
     * daemon stopped refreshing (the core's statefile watchdog emulation) or ended without disarming (exit 19).
     */
    private void fireWatchdogs() {
        Duration wh = setup.timeouts().wh();
        for (SimHost h : current) {
            if (h != null && h.alive() && h.armed() && h.lastPet().isPresent()
                    && time().compareTo(h.lastPet().get().plus(wh)) >= 0) {
                h.fenced("watchdog: not refreshed since " + h.lastPet().get(), time());
                trace.add(time(), h.index(), "watchdog reset (last pet " + h.lastPet().get() + ")");
            }
        }
    }

    // ---- for SimStatefile and SimFaults ----

    SimNetwork network() {
        return network;
    }

    SimStatefile statefileIo() {
        return statefileIo;
    }

    SimTrace traceLog() {
        return trace;
    }

    /** Any run of host {@code i}, if it was ever started. */
    Optional<SimHost> latest(int i) {
        return Optional.ofNullable(current[i]);
    }

    long nanos() {
        return ORIGIN + elapsed;
    }

    void write(StatefileImage image) {
        statefile = image;
    }

    GlobalSection global() {
        return statefile.global();
    }
}
