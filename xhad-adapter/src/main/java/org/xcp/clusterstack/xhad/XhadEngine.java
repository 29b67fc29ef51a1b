package org.xcp.clusterstack.xhad;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.api.statefile.StatefileDevice;

/**
 * The native xhad engine. One engine thread owns all state and all statefile I/O; the public methods hand
 * it work and wait, so nothing here needs a lock. Every t2 (±500 ms, seeded from the host UUID) the engine
 * pets the watchdog, writes its own host section, reads the global section and every configured host's
 * section, applies pending global changes (pool state, master) and runs the master lock (spec §5.5, §7.6).
 *
 * <p>This engine forms the liveset from the statefile alone, so it serves one-host pools; the
 * network heartbeat (hbdomain beyond this host, joining a running pool) arrives with multi-host pools.
 * Until then a multi-host start ends as xhad's would with no peer reachable: 12 under INIT, a liveset of
 * this host alone after Tboot under ACTIVE, or 13 when a live pool exists that it cannot join.
 */
final class XhadEngine implements MembershipEngine {
    /** Shortened statefile cycle while a host waits on the master lock or a write (spec §5.5, acceleration). */
    private static final Duration ACCELERATED = Duration.ofMillis(400);
    private static final int READ_ATTEMPTS = 3;

    private final StackContext context;
    private final DaemonConfig config;
    private final int me;
    private final int hostCount;
    private final LivesetRenderer renderer;
    private final ScheduledExecutorService engine;
    private final Random jitter;
    private final CompletableFuture<ExitCode> end = new CompletableFuture<>();

    // engine-thread state
    private StatefileDevice statefile;
    private StatefileView seen;
    private GlobalSection global;
    private int sequence;
    private boolean starting = true;
    private boolean excluded;
    private boolean lockRequest;
    private HostSet grants = HostSet.EMPTY;
    private HostSet currentLiveset = HostSet.EMPTY;
    private boolean statefileAccess;
    private boolean corrupted;
    private Optional<PoolState> pendingPoolState = Optional.empty();
    private Optional<HaUuid> pendingMaster = Optional.empty();
    private final List<CompletableFuture<Void>> awaitingWrite = new ArrayList<>();
    private final List<CompletableFuture<Boolean>> awaitingLock = new ArrayList<>();
    private EngineView.LatencyWindow latency = EngineView.LatencyWindow.NONE;
    private ScheduledFuture<?> nextCycle;

    private volatile HostState state = HostState.STARTING;
    private volatile EngineView view;

    XhadEngine(StackContext context) {
        this.context = context;
        this.config = context.config();
        this.me = config.localHost().index();
        this.hostCount = config.hostCount();
        this.renderer = new LivesetRenderer(config);
        this.jitter = new Random(config.local().hostId().compact().hashCode());
        this.engine = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xhad-engine");
            t.setDaemon(true);
            return t;
        });
        this.seen = new StatefileView(hostCount, me, config.parameters().statefileTimeout().toNanos());
        this.view = emptyView();
    }

    // ---- the scripts' requests ----

    @Override
    public void join() {
        call(this::openStatefile);
        call(() -> {
            cycle();
            return null;
        });
        new StartCriteria(config, context.clock()).await(this::startView, this::formLiveset);
        context.log().info("Online: liveset " + view.currentLiveset() + ", fencing "
                + (context.fencer().isArmed() ? "armed" : "not armed"));
    }

    @Override
    public HostState state() {
        return state;
    }

    @Override
    public Liveset liveset() {
        return renderer.render(view);
    }

    @Override
    public boolean proposeMaster() {
        requireOnline();
        CompletableFuture<Boolean> answer = call(() -> {
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            lockRequest = true;
            awaitingLock.add(f);
            cycleNow();
            return f;
        });
        return await(answer);
    }

    @Override
    public void disarmFencing() {
        requireOnline();
        context.fencer().disarm();
        context.log().info("fencing disarmed");
        call(() -> {
            publish();
            return null;
        });
    }

    @Override
    public void setPoolState(PoolState newState) {
        await(call(() -> {
            requireStatefileAccess();
            pendingPoolState = Optional.of(newState);
            return writeSoon();
        }));
    }

    @Override
    public void setExcluded(boolean flag) {
        await(call(() -> {
            requireStatefileAccess();
            if (global.poolStateValue().orElse(PoolState.NONE) != PoolState.ACTIVE) {
                throw new HaException(ExitCode.INVALID_POOL_STATE, "the pool state is not ACTIVE");
            }
            excluded = flag;
            return writeSoon();
        }));
        if (flag) {
            // xhad's trap (spec §7.7): reply, then end with 19 leaving the watchdog armed
            engine.schedule(() -> finish(ExitCode.SET_EXCLUDED, false), 200, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public ExitCode awaitEnd() throws InterruptedException {
        try {
            return end.get();
        } catch (ExecutionException e) {
            return ExitCode.INTERNAL_BUG;
        }
    }

    @Override
    public void close() {
        if (!engine.isShutdown()) {
            try {
                engine.submit(() -> finish(ExitCode.SUCCESS, true)).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                context.fencer().disarm();
                context.fencer().close();
            }
        }
        engine.shutdownNow();
    }

    // ---- start (spec §7.1) ----

    private Void openStatefile() {
        statefile = StatefileDevice.open(config.local().stateFile());
        GlobalSection g = readGlobalWithRetries();
        java.util.Set<SectionFault> faults = g.faults(Optional.of(config.generation()));
        if (faults.contains(SectionFault.SIGNATURE) || faults.contains(SectionFault.CHECKSUM)) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile " + statefile.path()
                    + ": the global section is not valid (" + faults + "): never initialised, or damaged");
        }
        if (faults.contains(SectionFault.VERSION)) {
            throw new HaException(ExitCode.INVALID_STATE_FILE, "statefile " + statefile.path()
                    + ": version " + g.version() + ", expected 2");
        }
        if (faults.contains(SectionFault.GENERATION)) {
            throw new HaException(ExitCode.GENERATION_UUID_MISMATCH, "statefile " + statefile.path()
                    + ": GenerationUUID " + g.generationValue().map(HaUuid::dashed).orElse("?")
                    + " is not the config's " + config.generation().dashed());
        }
        PoolState pool = g.poolStateValue().orElse(PoolState.NONE);
        if (pool == PoolState.NONE) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile " + statefile.path()
                    + ": pool state NONE (run ha_set_pool_state init first)");
        }
        if (pool == PoolState.INVALID) {
            throw new HaException(ExitCode.INVALID_POOL_STATE, "the pool state is INVALID: HA was disabled");
        }
        global = g;
        HostSection own = statefile.readHost(me);
        excluded = own.excluded() != 0 && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
        context.log().info("statefile " + statefile.path() + " opened: pool state " + pool);
        return null;
    }

    /** What the start criteria need, consistent at one instant. */
    private StartCriteria.View startView() {
        EngineView v = view;
        if (end.isDone()) {
            throw new HaException(end.join(), "the daemon ended while starting");
        }
        PoolState pool = v.global().flatMap(GlobalSection::poolStateValue).orElse(PoolState.NONE);
        boolean livesetExists = v.sfdomain().indexes().filter(i -> i != me).anyMatch(i -> v.hosts().get(i)
                .map(s -> s.starting() == 0 && !s.currentLiveset().isEmpty()).orElse(false));
        boolean allExcluded = v.hosts().stream().allMatch(s -> s.map(h -> h.excluded() != 0).orElse(false));
        return new StartCriteria.View(me, pool, v.hbdomain(), v.sfdomain(), livesetExists, excluded, allExcluded);
    }

    private void formLiveset(HostSet members) {
        call(() -> {
            currentLiveset = members;
            excluded = false;
            starting = false;
            if (global.poolStateValue().orElse(PoolState.NONE) == PoolState.INIT) {
                pendingPoolState = Optional.of(PoolState.ACTIVE); // the first liveset makes INIT ACTIVE
            }
            return writeSoon();
        }).join();
        context.fencer().arm();
        state = HostState.ONLINE;
        call(() -> {
            publish();
            return null;
        });
    }

    // ---- the statefile cycle (engine thread only) ----

    private void cycle() {
        if (end.isDone()) {
            return;
        }
        long t0 = System.nanoTime();
        context.fencer().pet();
        writeOwnSection(t0);
        Optional<GlobalSection> read = readGlobal();
        read.ifPresent(this::checkGlobal);
        if (end.isDone()) {
            return;
        }
        for (int i = 0; i < hostCount; i++) {
            if (i != me) {
                readHost(i);
            }
        }
        applyPendingGlobal();
        runMasterLock();
        latency = latency.add((System.nanoTime() - t0) / 1_000_000);
        publish();
        scheduleNext();
    }

    private void writeOwnSection(long now) {
        HostSection own = HostSection.builder()
                .sequence(++sequence).hostIndex(me).hostUuid(config.local().hostId())
                .excluded(excluded).starting(starting).sinceXapiRestartFirstAttempted(-1)
                .currentLiveset(currentLiveset).proposedLiveset(currentLiveset)
                .hbdomain(HostSet.of(me)).sfdomain(seen.sfdomain(now))
                .lockRequest(lockRequest).lockGrant(grants).weight(1)
                .smPhase(starting ? org.xcp.clusterstack.api.statefile.SmPhase.STARTING
                        : org.xcp.clusterstack.api.statefile.SmPhase.STARTED)
                .build();
        try {
            statefile.writeHost(me, own);
            seen.wroteOwnSection(System.nanoTime());
            List<CompletableFuture<Void>> done = List.copyOf(awaitingWrite);
            if (pendingPoolState.isEmpty() && pendingMaster.isEmpty()) {
                awaitingWrite.clear();
                done.forEach(f -> f.complete(null));
            }
        } catch (HaException e) {
            loseAccess("cannot write my section: " + e.getMessage());
        }
    }

    private Optional<GlobalSection> readGlobal() {
        try {
            GlobalSection g = readGlobalWithRetries();
            java.util.Set<SectionFault> faults = g.faults(Optional.empty());
            corrupted = faults.contains(SectionFault.SIGNATURE) || faults.contains(SectionFault.CHECKSUM);
            if (corrupted) {
                loseAccess("the global section is corrupted: " + faults);
                return Optional.empty();
            }
            statefileAccess = seen.ownWritesFresh(System.nanoTime());
            global = g;
            return Optional.of(g);
        } catch (HaException e) {
            loseAccess(e.getMessage());
            return Optional.empty();
        }
    }

    private GlobalSection readGlobalWithRetries() {
        HaException last = null;
        for (int attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
            try {
                return statefile.readGlobal();
            } catch (HaException e) {
                last = e;
                sleep(Duration.ofSeconds(1));
            }
        }
        throw last;
    }

    /** A running daemon ends on a foreign generation (10), a new version (9), INVALID or a re-init (11). */
    private void checkGlobal(GlobalSection g) {
        if (!g.generationMatches(config.generation())) {
            context.log().warn("the statefile now belongs to generation " + g.generationValue());
            finish(ExitCode.GENERATION_UUID_MISMATCH, true);
        } else if (g.faults(Optional.empty()).contains(SectionFault.VERSION)) {
            finish(ExitCode.INVALID_STATE_FILE, true);
        } else if (g.poolStateValue().orElse(PoolState.NONE) == PoolState.INVALID) {
            context.log().info("pool state INVALID: HA disabled, stopping cleanly");
            finish(ExitCode.INVALID_POOL_STATE, true);
        } else if (g.poolStateValue().orElse(PoolState.NONE) == PoolState.INIT && !starting
                && pendingPoolState.isEmpty()) {
            context.log().warn("pool state INIT while running: the statefile was re-initialised");
            finish(ExitCode.INVALID_POOL_STATE, true);
        }
    }

    private void readHost(int i) {
        try {
            seen.read(i, statefile.readHost(i), System.nanoTime());
        } catch (HaException e) {
            loseAccess(e.getMessage());
        }
    }

    private void applyPendingGlobal() {
        if (pendingPoolState.isEmpty() && pendingMaster.isEmpty() || !statefileAccess) {
            return;
        }
        GlobalSection updated = global;
        if (pendingPoolState.isPresent()) {
            updated = updated.withPoolState(pendingPoolState.get());
        }
        if (pendingMaster.isPresent()) {
            updated = updated.withMaster(pendingMaster);
        }
        try {
            statefile.writeGlobal(updated);
            global = updated;
            pendingPoolState = Optional.empty();
            pendingMaster = Optional.empty();
            awaitingWrite.forEach(f -> f.complete(null));
            awaitingWrite.clear();
        } catch (HaException e) {
            loseAccess("cannot write the global section: " + e.getMessage());
        }
    }

    private void runMasterLock() {
        HostSet live = currentLiveset;
        HostSet requesters = HostSet.EMPTY;
        for (int i : live.indexes().toArray()) {
            boolean requesting = i == me ? lockRequest
                    : seen.section(i).map(s -> s.lockRequest() != 0).orElse(false);
            if (requesting) {
                requesters = requesters.with(i);
            }
        }
        grants = MasterLock.grantsOf(me, requesters, live);
        HostSet mine = grants;
        Optional<Integer> holder = MasterLock.holder(live, i -> i == me ? mine
                : seen.section(i).map(s -> s.lockGrantWithin(hostCount)).orElse(HostSet.EMPTY));
        if (holder.isEmpty() || awaitingLock.isEmpty()) {
            return;
        }
        boolean mineNow = holder.get() == me;
        HaUuid holderId = config.hosts().get(holder.get()).id();
        if (mineNow && !global.masterHost().equals(Optional.of(holderId))) {
            pendingMaster = Optional.of(holderId);
            applyPendingGlobal();
        }
        if (!mineNow || pendingMaster.isEmpty()) {
            awaitingLock.forEach(f -> f.complete(mineNow));
            awaitingLock.clear();
            context.log().info("master lock held by host " + holder.get() + (mineNow ? " (me)" : ""));
        }
    }

    private void loseAccess(String why) {
        if (statefileAccess) {
            context.log().warn("statefile access lost: " + why);
        }
        statefileAccess = false;
    }

    private void publish() {
        long now = System.nanoTime();
        view = new EngineView(state, context.fencer().isArmed(), currentLiveset, HostSet.of(me), seen.sfdomain(now),
                statefileAccess, corrupted, Optional.ofNullable(global), seen.sections(), seen.updateTimes(),
                latency);
        latency = latency.restart();
        context.changed().run();
    }

    private void scheduleNext() {
        if (nextCycle != null) {
            nextCycle.cancel(false);
        }
        long delay = !awaitingLock.isEmpty() || !awaitingWrite.isEmpty() ? ACCELERATED.toMillis()
                : config.parameters().statefileInterval().toMillis() + jitter.nextInt(1001) - 500;
        nextCycle = engine.schedule(this::cycleSafely, Math.max(delay, 100), TimeUnit.MILLISECONDS);
    }

    private void cycleSafely() {
        try {
            cycle();
        } catch (RuntimeException e) {
            context.log().warn("statefile cycle failed: " + e);
            scheduleNext();
        }
    }

    private void cycleNow() {
        engine.execute(this::cycleSafely);
    }

    private CompletableFuture<Void> writeSoon() {
        CompletableFuture<Void> written = new CompletableFuture<>();
        awaitingWrite.add(written);
        cycleNow();
        return written;
    }

    /** Ends the engine; a clean end disarms and closes the fencer, the exit-19 trap leaves it armed. */
    private void finish(ExitCode code, boolean disarm) {
        if (end.isDone()) {
            return;
        }
        if (disarm) {
            context.fencer().disarm();
        }
        context.fencer().close();
        if (statefile != null) {
            statefile.close();
        }
        HaException ended = new HaException(code, "the daemon ended");
        awaitingLock.forEach(f -> f.completeExceptionally(ended));
        awaitingWrite.forEach(f -> f.completeExceptionally(ended));
        end.complete(code);
        context.log().info("engine ended: " + code.xhadName());
        engine.shutdown();
    }

    // ---- helpers ----

    private void requireOnline() {
        if (state != HostState.ONLINE) {
            throw new HaException(ExitCode.INVALID_LOCALHOST_STATE, "the local host is not Online yet");
        }
    }

    private void requireStatefileAccess() {
        if (!statefileAccess) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "this host has no statefile access");
        }
    }

    /** Runs {@code task} on the engine thread and returns its result; HaExceptions come back as they are. */
    private <T> T call(java.util.concurrent.Callable<T> task) {
        try {
            return engine.submit(task).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HaException ha) {
                throw ha;
            }
            throw new HaException(ExitCode.INTERNAL_BUG, "engine failure: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new HaException(end.isDone() ? end.join() : ExitCode.INTERNAL_BUG, "the daemon is ending");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "interrupted");
        }
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HaException ha) {
                throw ha;
            }
            throw new HaException(ExitCode.INTERNAL_BUG, "engine failure: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "interrupted");
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private EngineView emptyView() {
        List<Optional<HostSection>> none = new ArrayList<>();
        List<Long> never = new ArrayList<>();
        for (int i = 0; i < hostCount; i++) {
            none.add(Optional.empty());
            never.add(-1L);
        }
        return new EngineView(HostState.STARTING, false, HostSet.EMPTY, HostSet.of(me), HostSet.EMPTY, false, false,
                Optional.empty(), none, never, EngineView.LatencyWindow.NONE);
    }
}
