package org.xcp.clusterstack.daemon.managed.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.Statefile;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.CoreDriver;
import org.xcp.clusterstack.common.core.LivesetRenderer;
import org.xcp.clusterstack.common.core.Request;
import org.xcp.clusterstack.common.sim.ScriptCalls;
import org.xcp.clusterstack.common.sim.VirtualTime;
import org.xcp.clusterstack.daemon.managed.ManagedCore;

/**
 * N pure {@link ManagedCore}s on a virtual clock, driven as {@code CoreDriver} and {@code ManagedEngine} drive one:
 * every step ({@value CoreDriver#TICK_MS} ms) the manager's due epochs apply, the manager fences its victims
 * (authority MANAGER) or unpetted watchdogs reset their hosts (STACK_WATCHDOG), finished statefile cycles are
 * reported, and each running daemon, in an order drawn from the seeded {@link Random}, takes its sampler's answer
 * (a command started every poll interval after the previous one returned, as {@code scheduleWithFixedDelay}),
 * its queued script requests and one tick; then every observer looks at the pool. Nothing real: no threads, no
 * files, no clock. The same setup and scenario always give the same run.
 *
 * <p>The host's ground truth is the simulator's: alive or dead (crash, watchdog, self-fence, the manager's
 * fencing), which daemon run is its current one, whether the watchdog is armed and when it was last petted.
 */
public final class ManagedPool implements ScriptCalls, VirtualTime {
    /** The virtual nanoTime when the pool begins: positive, far below a real nanoTime (the renderer reads one). */
    static final long ORIGIN = 1_000_000_000L;

    /** A script's request, for the answer-bound invariant. */
    record Pending(long id, int host, ManagedRun run, Request request, Duration issuedAt) {
    }

    /** A script's answer, and when (virtual time since the pool began). */
    public record Reply(int host, long id, ExitCode code, String stdout, Duration at) {
        public boolean isTrue() {
            return code == ExitCode.SUCCESS && stdout.equals("TRUE\n");
        }

        public boolean isFalse() {
            return code == ExitCode.SUCCESS && stdout.equals("FALSE\n");
        }
    }

    /** Deliberate breakage, to show that the invariants bite: a fence window other than the authority's. */
    record Breakage(Optional<Duration> window) {
        static final Breakage NONE = new Breakage(Optional.empty());
    }

    private final ManagedSetup setup;
    private final Breakage breakage;
    private final Random random;
    private final List<DaemonConfig> configs;
    private final List<HaUuid> ids;
    private final ManagerModel manager;
    private final ManagedStatefile statefile;
    private final ManagedTrace trace = new ManagedTrace();
    private final ManagedRun[] current;
    private final List<ManagedRun> runs = new ArrayList<>();
    private final boolean[] alive;
    private final Duration[] deadSince;
    private final String[] death;
    private final int[] incarnation;
    private final boolean[] watchdogArmed;
    private final long[] lastPet;
    private final boolean[] managerArmed;
    private final long[] managerFenceAt;
    private final Map<Long, Reply> replies = new LinkedHashMap<>();
    private final Map<Long, Pending> requests = new LinkedHashMap<>();
    private final List<Consumer<ManagedPool>> observers = new ArrayList<>();
    private final List<String> faultLog = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private Optional<Duration> lastFault = Optional.empty();
    /** Breakage: the sampler drops the local host from every view; the driver loses the core's replies. */
    private boolean hideSelfInSamples;
    private boolean loseReplies;
    private long elapsed;
    /** Per host: the last liveset rendered and its parse (see {@link #liveset}). */
    private final Map<Integer, Liveset[]> lastLivesets = new HashMap<>();
    private long lastRequestId;

    ManagedPool(ManagedSetup setup) {
        this(setup, Breakage.NONE);
    }

    ManagedPool(ManagedSetup setup, Breakage breakage) {
        this.setup = setup;
        this.breakage = breakage;
        this.random = new Random(setup.seed());
        int n = setup.hosts();
        this.configs = ManagedConfigs.pool(n, setup.parameters());
        this.ids = configs.get(0).hosts().stream().map(h -> h.id()).toList();
        this.manager = new ManagerModel(ids, random, setup.toolTimeout().toNanos(), nanos());
        StatefileImage init = StatefileImage.initial(ManagedConfigs.GENERATION, n);
        this.statefile = new ManagedStatefile(this, n, init.withGlobal(init.global().withPoolState(setup.poolState())));
        this.current = new ManagedRun[n];
        this.alive = new boolean[n];
        this.deadSince = new Duration[n];
        this.death = new String[n];
        this.incarnation = new int[n];
        this.watchdogArmed = new boolean[n];
        this.lastPet = new long[n];
        this.managerArmed = new boolean[n];
        this.managerFenceAt = new long[n];
        Arrays.fill(alive, true);
        Arrays.fill(managerArmed, true);
        Arrays.fill(managerFenceAt, Long.MAX_VALUE);
    }

    /** A new pool, not yet started: for a caller that runs it itself (the what-if of {@code cluster-stack simulate}). */
    public static ManagedPool of(ManagedSetup setup) {
        return new ManagedPool(setup);
    }

    /** Runs {@code scenario} on a new pool; a failure is reported with the seed, the time and every host's state. */
    public static void run(ManagedSetup setup, Consumer<ManagedPool> scenario) {
        run(new ManagedPool(setup), scenario);
    }

    static void run(ManagedPool pool, Consumer<ManagedPool> scenario) {
        try {
            scenario.accept(pool);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulated managed pool, seed " + pool.setup.seed() + ", failed at "
                    + pool.time() + ": " + e.getMessage() + "\n" + pool.dump(), e);
        }
    }

    // ---- the pool's life ----

    /** {@code ha_start_daemon} on host i: a new run, or the code the start fails with before a core exists. */
    public Optional<ExitCode> start(int i) {
        if (!alive[i]) {
            throw new IllegalStateException("host " + i + " is dead");
        }
        if (current[i] != null && current[i].running()) {
            return Optional.of(ExitCode.DAEMON_IS_PRESENT);
        }
        DaemonConfig config = configs.get(i);
        GlobalSection g = statefile.image().global();
        try {
            Statefile.requireStartable(config.local().stateFile(), g, config.generation());
        } catch (HaException e) {
            trace.add(elapsed, i, () -> "ha_start_daemon refused: " + e.exitCode());
            return Optional.of(e.exitCode());
        }
        HostSection own = statefile.image().host(i);
        boolean mine = own.faults().isEmpty() && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
        boolean excluded = own.excluded() != 0 && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
        boolean previousRunOnline = mine && own.starting() == 0;
        FencingAuthority authority = setup.authority();
        Duration window = breakage.window()
                .orElse(ManagedCore.fenceWindow(config, authority, setup.poll()));
        ManagedCore core = new ManagedCore(config, g, excluded, previousRunOnline, nanos(), authority, setup.poll(),
                window);
        int run = (int) runs.stream().filter(r -> r.index == i).count() + 1;
        ManagedRun r = new ManagedRun(i, run, incarnation[i], config, core, time(), nanos());
        current[i] = r;
        runs.add(r);
        trace.add(elapsed, i, () -> "ha_start_daemon: run " + run + (excluded ? ", excluded" : "")
                + (previousRunOnline ? ", previous run Online" : ""));
        return Optional.empty();
    }

    public void startAll() {
        for (int i = 0; i < current.length; i++) {
            start(i);
        }
    }

    /** {@code ha_stop_daemon}: the core ends cleanly. */
    public void stop(int i) {
        if (current[i] != null && current[i].running()) {
            execute(current[i], current[i].core().stop());
        }
    }

    /** The daemon process of host i dies (SIGKILL, a JVM crash); the host and its manager live on. */
    public void killDaemon(int i) {
        if (current[i] != null && current[i].running()) {
            current[i].killed(time());
            fault(i, "daemon killed");
        }
    }

    /** The whole host crashes (daemon and manager); its peers' managers report it gone after {@code hide}. */
    public void crash(int i, Duration hide) {
        if (alive[i]) {
            hostDies(i, "crash");
            manager.crash(i, nanos(), setup.detection().toNanos(), Math.max(hide.toNanos(),
                    setup.detection().toNanos()));
            fault(i, "crash, reported gone after " + hide);
        }
    }

    /** A dead host boots again: its manager joins after {@code join}, and xapi starts the daemon if HA is on. */
    public void reboot(int i, Duration join) {
        if (alive[i]) {
            return;
        }
        alive[i] = true;
        incarnation[i]++;
        watchdogArmed[i] = false;
        managerArmed[i] = true;
        managerFenceAt[i] = Long.MAX_VALUE;
        manager.reboot(i, nanos(), join.toNanos());
        fault(i, "reboot, incarnation " + incarnation[i]);
        if (poolState().orElse(PoolState.NONE) == PoolState.ACTIVE) {
            start(i);
        }
    }

    /** The network splits: host i in group {@code groups[i]}. */
    public void partition(int[] groups) {
        manager.partition(groups, nanos(), setup.detection().toNanos());
        fault(-1, "partition " + Arrays.toString(groups));
    }

    public void heal(Duration join) {
        manager.heal(nanos(), join.toNanos());
        fault(-1, "heal");
    }

    public void silentTool(int i, boolean silent) {
        manager.toolSilent(i, silent);
        fault(i, silent ? "the manager's tool is silent" : "the manager's tool answers again");
    }

    public void managerService(int i, boolean up, Duration delay) {
        manager.service(i, up, nanos(), delay.toNanos());
        fault(i, up ? "manager service started" : "manager service died");
    }

    public void slowCommands(int i, Duration span) {
        manager.slowCommands(i, nanos() + span.toNanos());
        fault(i, "slow sampling commands for " + span);
    }

    public void hungCommand(int i, Duration span) {
        manager.hungCommand(i, nanos() + span.toNanos());
        fault(i, "the sampling command hangs for " + span);
    }

    public void statefileErrors(int i, boolean on) {
        statefile.errors(i, on);
        fault(i, on ? "statefile I/O errors" : "statefile I/O errors end");
    }

    public void statefileSlow(int i, Duration by) {
        statefile.slow(i, by.toNanos());
        fault(i, by.isZero() ? "statefile cycles fast again" : "statefile cycles slow by " + by);
    }

    /** Writes the global section behind the daemons' backs (another pool's init, a newer version). */
    public void writeGlobal(GlobalSection g) {
        statefile.writeGlobal(g);
        fault(-1, "global section written: state " + g.poolStateValue() + " version " + g.version() + " generation "
                + g.genUuid());
    }

    /** Queues a script request for host i's next turn; with no daemon the script answers 14 at once. */
    @Override
    public long request(int i, LongFunction<Request> make) {
        long id = ++lastRequestId;
        Request r = make.apply(id);
        trace.add(elapsed, i, () -> "request " + r);
        if (current[i] == null || !current[i].running()) {
            record(i, id, ExitCode.DAEMON_IS_NOT_PRESENT, "");
        } else {
            requests.put(id, new Pending(id, i, current[i], r, time()));
            current[i].inbox.add(r);
        }
        return id;
    }

    /** Advances the clock by one tick, lets every daemon take its turn, then shows the pool to every observer. */
    @Override
    public void step() {
        elapsed += setup.tick().toNanos();
        long now = nanos();
        for (int i : manager.step(now)) {
            if (setup.holder() == FencingAuthority.Holder.MANAGER && managerArmed[i] && alive[i]
                    && managerFenceAt[i] == Long.MAX_VALUE) {
                // the manager fences its victim within its window after the loss (o2cb, Melio's assumption M3)
                managerFenceAt[i] = now + (long) ((0.25 + 0.75 * random.nextDouble())
                        * setup.managerWindow().toNanos());
                trace.add(elapsed, i, () -> "the manager will fence this host at " + Duration.ofNanos(
                        managerFenceAt[i] - ORIGIN));
            }
        }
        for (int i = 0; i < alive.length; i++) {
            if (alive[i] && managerFenceAt[i] <= now) {
                hostDies(i, "fenced by the manager");
            }
            if (alive[i] && watchdogArmed[i] && now - lastPet[i] >= setup.wh().toNanos()) {
                long last = lastPet[i];
                hostDies(i, "watchdog: not petted since " + Duration.ofNanos(last - ORIGIN));
            }
        }
        statefile.due().forEach(done -> execute(done.getKey(), done.getValue()));
        List<ManagedRun> order = new ArrayList<>(Arrays.stream(current).filter(r -> r != null && r.running()).toList());
        Collections.shuffle(order, random);
        for (ManagedRun r : order) {
            sampler(r, now);
            while (r.running() && !r.inbox.isEmpty()) {
                execute(r, r.core().request(r.inbox.poll(), now));
            }
            if (r.running()) {
                execute(r, r.core().tick(now));
            }
        }
        observers.forEach(o -> o.accept(this));
    }

    /** ManagedEngine's poller: one command at a time, the next one poll interval after the last returned. */
    private void sampler(ManagedRun r, long now) {
        if (r.sampling.isEmpty() && now >= r.nextSample) {
            ManagerModel.Sample s = manager.sample(r.index, now);
            if (hideSelfInSamples && s.view().reachable()) {
                var members = new java.util.HashSet<>(s.view().members());
                members.remove(ids.get(r.index));
                s = new ManagerModel.Sample(new MembershipView(true, s.view().quorate(), members, "broken"),
                        s.deliverAt());
            }
            r.sampling = Optional.of(s);
        }
        if (r.sampling.isPresent() && r.sampling.get().deliverAt() <= now) {
            MembershipView v = r.sampling.get().view();
            r.sampling = Optional.empty();
            r.nextSample = now + setup.poll().toNanos();
            trace.add(elapsed, r.index, () -> "sample: " + v.detail());
            execute(r, r.core().onSample(v, now));
        }
    }

    void breakSampler() {
        hideSelfInSamples = true;
    }

    void loseReplies() {
        loseReplies = true;
    }

    public void afterEveryStep(Consumer<ManagedPool> observer) {
        observers.add(observer);
    }

    public void keepTrace(int lines) {
        trace.limit(lines);
    }


    // ---- carrying out actions, as CoreDriver and ManagedEngine do ----

    private void execute(ManagedRun r, List<Action> actions) {
        int i = r.index;
        for (Action action : actions) {
            if (r.hostDiedAt().isPresent() || r.killedAt().isPresent()) {
                return; // nothing after a reset or a kill happens
            }
            trace.add(elapsed, i, () -> ManagedTrace.describe(action));
            boolean watchdog = setup.holder() == FencingAuthority.Holder.STACK_WATCHDOG;
            if (action instanceof Action.StatefileCycle c) {
                if (r.running()) {
                    statefile.issue(r, c).ifPresent(answer -> execute(r, answer));
                }
            } else if (action instanceof Action.PetWatchdog) {
                if (watchdog && watchdogArmed[i]) {
                    lastPet[i] = nanos();
                }
            } else if (action instanceof Action.SelfFence f) {
                if (watchdog) {
                    hostDies(i, "self-fence: " + f.reason());
                } else {
                    // ManagedEngine routes no self-fence to the manager: the core asked for a second fencer
                    violations.add("host " + i + " run " + r.run + " asked to self-fence under MANAGER authority: "
                            + f.reason());
                    r.ended(new Action.End(ExitCode.SYSTEM_ERROR, false, "self-fence returned"), time());
                }
            } else if (action instanceof Action.ArmFencing) {
                r.armed(true, false);
                if (watchdog && !watchdogArmed[i]) {
                    watchdogArmed[i] = true;
                    lastPet[i] = nanos();
                } else if (!watchdog) {
                    managerArmed[i] = true;
                }
            } else if (action instanceof Action.DisarmFencing) {
                r.armed(false, true);
                if (watchdog && r.armedOnce()) {
                    watchdogArmed[i] = false;
                } else {
                    managerArmed[i] = false;
                }
            } else if (action instanceof Action.BecameOnline) {
                r.becameOnline(time());
            } else if (action instanceof Action.Reply reply) {
                if (!loseReplies) {
                    record(i, reply.requestId(), reply.code(), reply.stdout());
                }
            } else if (action instanceof Action.End e) {
                r.ended(e, time());
                // a run that never armed (a restarted daemon still Starting) has no watchdog open to close: the one a
                // killed run armed keeps running (found with seed 8588, a sim bug)
                if (e.disarm() && watchdog && r.armedOnce()) {
                    watchdogArmed[i] = false;
                }
                // CoreDriver.finish: whatever still waits hears that the daemon is ending
                requests.values().stream().filter(p -> p.run() == r && !replies.containsKey(p.id())).toList()
                        .forEach(p -> record(i, p.id(), ExitCode.DAEMON_IS_NOT_PRESENT, ""));
            } else if (action instanceof Action.Log l) {
                r.log(time() + " " + l.message());
            } else if (action instanceof Action.Record rec) {
                r.recorded(rec.event());
                r.log(time() + " journal " + rec.event().kind().wire() + ": " + rec.event().summary());
            } else {
                throw new IllegalStateException("no adapter for " + action);
            }
        }
    }

    private void hostDies(int i, String why) {
        alive[i] = false;
        deadSince[i] = time();
        death[i] = why;
        watchdogArmed[i] = false;
        managerFenceAt[i] = Long.MAX_VALUE;
        if (current[i] != null) {
            current[i].hostDied(time());
        }
        if (!why.equals("crash")) {
            // a reset host leaves the manager's membership as a crashed one does
            manager.crash(i, nanos(), setup.detection().toNanos(), setup.detection().toNanos());
        }
        trace.add(elapsed, i, () -> "HOST DIES: " + why);
    }

    private void record(int host, long id, ExitCode code, String stdout) {
        replies.put(id, new Reply(host, id, code, stdout, time()));
        trace.add(elapsed, host, () -> "reply " + id + ": " + code + " " + stdout.strip());
    }

    private void fault(int host, String what) {
        lastFault = Optional.of(time());
        faultLog.add(time() + " " + (host < 0 ? "" : "host " + host + ": ") + what);
        trace.add(elapsed, host, () -> "FAULT " + what);
    }

    // ---- what tests and invariants look at ----

    @Override
    public Duration time() {
        return Duration.ofNanos(elapsed);
    }

    long nanos() {
        return ORIGIN + elapsed;
    }

    public Random random() {
        return random;
    }

    public ManagedSetup setup() {
        return setup;
    }

    ManagerModel manager() {
        return manager;
    }

    DaemonConfig config(int i) {
        return configs.get(i);
    }

    /** The latest run of host i, if it was ever started. */
    Optional<ManagedRun> latest(int i) {
        return Optional.ofNullable(current[i]);
    }

    public ManagedRun host(int i) {
        return latest(i).orElseThrow(() -> new IllegalStateException("host " + i + " was never started"));
    }

    public List<ManagedRun> runs() {
        return java.util.Collections.unmodifiableList(runs);
    }

    public boolean alive(int i) {
        return alive[i];
    }

    int incarnation(int i) {
        return incarnation[i];
    }

    boolean watchdogArmed(int i) {
        return watchdogArmed[i];
    }

    /** Why host i died: "crash", the self-fence's reason, the watchdog, the manager's fencing. */
    public Optional<String> death(int i) {
        return Optional.ofNullable(death[i]);
    }

    public Optional<Duration> deadSince(int i) {
        return Optional.ofNullable(deadSince[i]);
    }

    public Optional<Reply> reply(long id) {
        return Optional.ofNullable(replies.get(id));
    }

    List<Reply> replies() {
        return List.copyOf(replies.values());
    }

    java.util.Collection<Pending> requests() {
        return java.util.Collections.unmodifiableCollection(requests.values());
    }

    List<String> violations() {
        return violations;
    }

    Optional<Duration> lastFault() {
        return lastFault;
    }

    StatefileImage statefile() {
        return statefile.image();
    }

    boolean statefileTroubled(int i) {
        return statefile.troubled(i);
    }

    public Optional<PoolState> poolState() {
        return statefile.image().global().poolStateValue();
    }

    public Optional<HaUuid> master() {
        return statefile.image().global().masterHost();
    }

    /**
     * Host i's liveset document as xapi reads it: rendered, written and parsed back. The parse of the last document
     * rendered for each host is kept: observers ask every tick, and the document rarely changes.
     */
    public Liveset liveset(int i) {
        Liveset doc = new LivesetRenderer(configs.get(i)).render(host(i).view(nanos()));
        Liveset[] last = lastLivesets.get(i);
        if (last == null || !last[0].equals(doc)) {
            last = new Liveset[] {doc, LivesetReader.read(LivesetWriter.write(doc))};
            lastLivesets.put(i, last);
        }
        return last[1];
    }

    public HaUuid hostId(int i) {
        return ids.get(i);
    }

    List<String> trace() {
        return trace.lines();
    }

    String dump() {
        StringBuilder s = new StringBuilder("  pool: " + setup + ", at " + time() + ", statefile pool state "
                + poolState().map(Enum::name).orElse("?") + ", master " + master().map(HaUuid::compact).orElse("none"));
        for (int i = 0; i < alive.length; i++) {
            s.append("\n  host ").append(i).append(alive[i] ? " alive" : " DEAD since " + deadSince[i] + " (" + death[i]
                    + ")").append(", incarnation ").append(incarnation[i]).append(watchdogArmed[i] ? ", watchdog armed"
                    + " (last pet " + Duration.ofNanos(lastPet[i] - ORIGIN) + ")" : "");
        }
        for (ManagedRun r : runs) {
            if (r.running()) {
                r.view(nanos());
            }
            s.append("\n  ").append(r);
            r.log().stream().skip(Math.max(0, r.log().size() - Integer.getInteger("sim.logLines", 8)))
                    .forEach(l -> s.append("\n      ").append(l));
        }
        s.append("\n  ").append(manager.describe());
        s.append("\n  faults:");
        faultLog.forEach(l -> s.append("\n    ").append(l));
        s.append("\n  last actions:");
        trace.tail(Integer.getInteger("sim.traceLines", 60)).forEach(l -> s.append("\n    ").append(l));
        return s.toString();
    }
}
