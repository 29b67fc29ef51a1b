package org.xcp.clusterstack.daemon.managed;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.common.lock.LockKeeper;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.api.statefile.Statefile;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.api.statefile.StatefilePrefix;

/**
 * xhad's behaviour for a stack on an external cluster manager: membership and quorum come from the stack's
 * {@link MembershipSource}; everything xapi sees is kept here, the same for every such stack.
 *
 * <ul>
 *   <li>Start (spec §7.1): the statefile checks of a starting daemon (8, 9, 10, 11); then wait until the
 *       manager lists this host in a quorate partition (with pool state INIT: every configured host), within
 *       Tenable under INIT and Tboot otherwise, else 12. INIT becomes ACTIVE with the first liveset.</li>
 *   <li>Liveness: a host is live while it is in the local quorate partition, and for the fence window after
 *       it left it ({@link HeldMembership}); a host outside the quorate partition is not live.</li>
 *   <li>Fencing, one authority (stacks.md §5): {@link FencingAuthority.Holder#STACK_WATCHDOG} arms the
 *       context's fencer when Online, pets it on each quorate sample and fences at once on a sample that is
 *       not; {@link FencingAuthority.Holder#MANAGER} never touches a watchdog and asks the manager to
 *       disarm.</li>
 *   <li>Statefile (spec §5.5): every t2 this host writes its section (sequence, liveset, excluded, the lock's
 *       request and grants) and reads every section; INVALID (or INIT while running) ends it with 11, another
 *       generation with 10. The master lock is the api's {@link LockKeeper}, exactly as for xhad.</li>
 * </ul>
 */
public final class ManagedEngine implements MembershipEngine {
    /** How often a statefile cycle runs while a proposal waits (xhad's SF_accelerate). */
    private static final Duration ACCELERATED = Duration.ofMillis(400);

    private final DaemonConfig config;
    private final StackContext context;
    private final MembershipSource source;
    private final FencingAuthority authority;
    private final HeldMembership membership;
    private final PeerSequences peers;
    private final LockKeeper lock;
    private final int me;
    private final CompletableFuture<ExitCode> end = new CompletableFuture<>();
    private final ScheduledExecutorService poller = daemonThread("membership");
    private final ScheduledExecutorService statefileThread = daemonThread("statefile");

    private StatefileDevice device;
    private volatile HostState state = HostState.STARTING;
    private volatile boolean statefileAccess = true;
    private volatile Optional<GlobalSection> global = Optional.empty();
    private volatile MembershipView lastView = MembershipView.unreachable("not sampled yet");
    private int sequence;
    private boolean excluded;
    private volatile boolean closed;
    private long lastCycle = Long.MIN_VALUE;
    private Optional<PoolState> pendingPoolState = Optional.empty();
    private Optional<HaUuid> pendingMaster = Optional.empty();
    private CompletableFuture<Void> pendingWritten = new CompletableFuture<>();
    private CompletableFuture<Boolean> proposal;
    private long cycleNanos = -1;

    public ManagedEngine(StackContext context, MembershipSource source) {
        this.context = context;
        this.config = context.config();
        this.source = source;
        this.authority = source.fencing();
        this.me = config.localHost().index();
        Duration window = authority.windowAfterLoss();
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            // the victim stops petting when it sees quorum lost, one poll after the survivors see it go at worst
            window = window.plus(config.parameters().heartbeatWatchdogTimeout()).plus(source.pollInterval());
        }
        this.membership = new HeldMembership(config, window);
        this.peers = new PeerSequences(config.hostCount());
        this.lock = new LockKeeper(config, peers);
        context.log().info("stack on an external manager: fencing by " + authority.name() + " ("
                + authority.holder() + "), a departed peer stays live for " + window.toMillis() + " ms, polled every "
                + source.pollInterval().toMillis() + " ms");
    }

    /** Who fences this host while the stack runs. */
    public FencingAuthority authority() {
        return authority;
    }

    // ---- start ----

    @Override
    public void join() {
        device = StatefileDevice.open(config.local().stateFile());
        GlobalSection g = device.readGlobal();
        Statefile.requireStartable(device.path(), g, config.generation());
        global = Optional.of(g);
        PoolState pool = g.poolStateValue().orElse(PoolState.NONE);
        HostSection own = device.readHost(me);
        excluded = own.excluded() != 0 && own.hostUuidValue().equals(Optional.of(config.local().hostId()));
        sequence = own.hostUuidValue().equals(Optional.of(config.local().hostId())) ? own.sequence() : 0;
        Duration limit = pool == PoolState.INIT ? config.parameters().enableJoinTimeout()
                : config.parameters().bootJoinTimeout();
        statefileThread.scheduleWithFixedDelay(this::cycleQuietly, 0, 100, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + limit.toNanos();
        HostSet all = HostSet.firstN(config.hostCount());
        while (true) {
            if (end.isDone()) {
                throw new HaException(end.join(), "ended while starting");
            }
            MembershipView view = sample();
            boolean ready = membership.quorate() && (pool != PoolState.INIT || membership.members().equals(all));
            if (ready) {
                break;
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new HaException(ExitCode.BOOTJOIN_TIMEOUT, "not a member of a quorate partition after "
                        + limit.toSeconds() + " s" + (pool == PoolState.INIT ? " (pool state INIT needs every host)"
                        : "") + ": " + view.detail());
            }
            sleep(source.pollInterval());
        }
        if (pool == PoolState.INIT) {
            awaitWritten(PoolState.ACTIVE);
        }
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            context.fencer().arm();
            context.fencer().pet();
        }
        excluded = false; // a successful start clears the flag (spec §7.7)
        state = HostState.ONLINE;
        context.log().info("Online: members " + membership.live() + " (" + lastView.detail() + ")");
        poller.scheduleWithFixedDelay(this::pollQuietly, source.pollInterval().toMillis(),
                source.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        context.changed().run();
    }

    // ---- membership ----

    private MembershipView sample() {
        MembershipView view = source.view();
        HostSet before = membership.live();
        boolean wasQuorate = membership.quorate();
        membership.update(System.nanoTime(), view, peers.excludedHosts());
        if (!membership.live().equals(before) || wasQuorate != membership.quorate()) {
            context.log().info("membership: live " + membership.live() + ", listed " + membership.members()
                    + (membership.held().isEmpty() ? "" : ", held for the fence window " + membership.held())
                    + (membership.quorate() ? "" : ", NOT QUORATE") + ": " + view.detail());
            context.changed().run();
        }
        lastView = view;
        return view;
    }

    private void pollQuietly() {
        try {
            sample();
            if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG && !closed) {
                if (!lastView.reachable()) {
                    // silent manager: no pet, so the watchdog fires Wh after the last answer unless it comes back
                    return;
                }
                if (membership.quorate()) {
                    context.fencer().pet();
                } else if (context.fencer().isArmed()) {
                    context.fencer().fenceNow("this host is outside the quorate partition: " + lastView.detail());
                }
            }
        } catch (RuntimeException e) {
            context.log().warn("membership sample failed: " + e);
        }
    }

    // ---- statefile ----

    private synchronized void cycleQuietly() {
        try {
            long now = System.nanoTime();
            Duration interval = proposal != null ? ACCELERATED : config.parameters().statefileInterval();
            if (lastCycle != Long.MIN_VALUE && now - lastCycle < interval.toNanos()) {
                return;
            }
            lastCycle = now;
            cycle(now);
        } catch (RuntimeException e) {
            context.log().warn("statefile cycle failed: " + e);
        }
    }

    private void cycle(long now) {
        lock.cycleStarted();
        boolean ownWritten = attempt(() -> device.writeHost(me, ownSection()));
        boolean changeWritten = attempt(this::writePendingChange);
        StatefilePrefix read;
        try {
            failIfAsked();
            read = device.readPrefix(config.hostCount());
        } catch (HaException e) {
            setAccess(false, e.getMessage());
            return;
        }
        cycleNanos = System.nanoTime() - now;
        setAccess(ownWritten, "writing this host's section failed");
        HostSet excludedBefore = peers.excludedHosts();
        Optional<HaUuid> masterBefore = global.flatMap(GlobalSection::masterHost);
        peers.read(read.hosts(), System.nanoTime());
        global = Optional.of(read.global());
        if (!peers.excludedHosts().equals(excludedBefore) || !read.global().masterHost().equals(masterBefore)) {
            context.changed().run(); // what the liveset shows changed: republish it for the scripts now
        }
        if (changeWritten && (pendingPoolState.isPresent() || pendingMaster.isPresent())) {
            pendingPoolState = Optional.empty();
            pendingMaster = Optional.empty();
            pendingWritten.complete(null);
        }
        if (checkPoolState(read.global())) {
            stepLock(ownWritten);
        }
    }

    private HostSection ownSection() {
        sequence++;
        return HostSection.builder().sequence(sequence).hostIndex(me).hostUuid(config.local().hostId())
                .excluded(excluded).starting(state == HostState.STARTING).currentLiveset(membership.live())
                .proposedLiveset(membership.live()).hbdomain(membership.members()).sfdomain(membership.live())
                .lockRequest(lock.requesting()).lockGrant(lock.grants()).smPhase(SmPhase.STARTED).weight(1)
                .build();
    }

    private void writePendingChange() {
        if (pendingPoolState.isEmpty() && pendingMaster.isEmpty()) {
            return;
        }
        failIfAsked();
        device.updateGlobal(pendingPoolState, pendingMaster.map(Optional::of));
    }

    /** Spec §5.5: another generation ends the daemon with 10, a version change with 9, INVALID or INIT with 11. */
    private boolean checkPoolState(GlobalSection g) {
        if (!g.faults(Optional.empty()).isEmpty()) {
            setAccess(false, "the global section is corrupted");
            return false;
        }
        if (!g.generationMatches(config.generation())) {
            finish(ExitCode.GENERATION_UUID_MISMATCH, "the statefile now belongs to another generation");
            return false;
        }
        PoolState pool = g.poolStateValue().orElse(PoolState.NONE);
        if (pool == PoolState.INVALID) {
            finish(ExitCode.INVALID_POOL_STATE, "pool state INVALID: HA is being disabled");
            return false;
        }
        if (pool == PoolState.INIT && state == HostState.ONLINE && pendingPoolState.isEmpty()) {
            finish(ExitCode.INVALID_POOL_STATE, "pool state INIT while running");
            return false;
        }
        return true;
    }

    private void stepLock(boolean ownWritten) {
        HostSet live = membership.live();
        lock.statefileRead(ownWritten, live);
        GlobalSection g = global.orElseThrow();
        LockKeeper.Verdict verdict = lock.step(live, g, proposal != null);
        if (proposal == null) {
            return;
        }
        switch (verdict) {
            case ANSWER_TRUE -> answer(true);
            case ANSWER_FALSE -> answer(false);
            case WRITE_MASTER -> pendingMaster = Optional.of(config.local().hostId());
            case WAIT -> {
                if (!statefileAccess) {
                    answer(false);
                }
            }
        }
    }

    private void answer(boolean holder) {
        CompletableFuture<Boolean> p = proposal;
        proposal = null;
        p.complete(holder);
        context.changed().run();
    }

    private void setAccess(boolean access, String why) {
        if (access != statefileAccess) {
            context.log().info(access ? "statefile access regained" : "statefile access lost: " + why);
            statefileAccess = access;
            context.changed().run();
        }
    }

    /** Queues a pool-state change; it joins a master change already waiting, and goes out at the next tick. */
    private synchronized CompletableFuture<Void> pendingChange(PoolState pool) {
        if (pendingWritten.isDone()) {
            pendingWritten = new CompletableFuture<>();
        }
        pendingPoolState = Optional.of(pool);
        lastCycle = Long.MIN_VALUE; // write at the next tick, not a t2 later
        return pendingWritten;
    }

    private void awaitWritten(PoolState pool) {
        CompletableFuture<Void> written = pendingChange(pool);
        try {
            written.get(config.parameters().statefileTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "could not write pool state " + pool
                    + " to the statefile within T2");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.SYSTEM_ERROR, "interrupted");
        } catch (ExecutionException e) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile: " + e.getCause());
        }
    }

    private void failIfAsked() {
        if (context.faults().fires(FaultPoint.SF_IOERROR)) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "statefile I/O failed (fault point "
                    + FaultPoint.SF_IOERROR.label() + ")");
        }
    }

    // ---- the scripts ----

    @Override
    public HostState state() {
        return state;
    }

    @Override
    public Liveset liveset() {
        if (state != HostState.ONLINE) {
            return Liveset.starting(config.local().hostId(), me);
        }
        return new ManagedLiveset(config, membership, peers, statefileAccess, global, cycleNanos).render(
                System.nanoTime());
    }

    @Override
    public boolean proposeMaster() {
        requireOnline("ha_propose_master");
        CompletableFuture<Boolean> answer;
        synchronized (this) {
            if (proposal == null) {
                proposal = new CompletableFuture<>();
                lock.request();
                lastCycle = Long.MIN_VALUE;
            }
            answer = proposal;
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.SYSTEM_ERROR, "interrupted");
        } catch (ExecutionException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "propose_master: " + e.getCause());
        }
    }

    @Override
    public void disarmFencing() {
        requireOnline("ha_disarm_fencing");
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            context.fencer().disarm();
        } else {
            source.disarmManagerFencing();
        }
        context.log().info("fencing disarmed (" + authority.name() + ")");
    }

    @Override
    public void setPoolState(PoolState pool) {
        awaitWritten(pool);
    }

    /** Spec §7.7: 8 without statefile access, 11 unless ACTIVE; setting it ends the daemon with 19, armed. */
    @Override
    public void setExcluded(boolean value) {
        if (!statefileAccess) {
            throw new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, "no statefile access");
        }
        if (global.flatMap(GlobalSection::poolStateValue).orElse(PoolState.NONE) != PoolState.ACTIVE) {
            throw new HaException(ExitCode.INVALID_POOL_STATE, "the pool state is not ACTIVE");
        }
        synchronized (this) {
            excluded = value;
            device.writeHost(me, ownSection());
        }
        if (value) {
            // like xhad: the fencer stays as it is; the caller disarmed first or is about to reboot
            end.complete(ExitCode.SET_EXCLUDED);
        }
    }

    private void requireOnline(String script) {
        if (state != HostState.ONLINE) {
            throw new HaException(ExitCode.INVALID_LOCALHOST_STATE, script + ": this host is not Online");
        }
    }

    @Override
    public ExitCode awaitEnd() throws InterruptedException {
        try {
            return end.get();
        } catch (ExecutionException e) {
            throw new HaException(ExitCode.INTERNAL_BUG, "engine: " + e.getCause());
        }
    }

    /** Ends with {@code code} after a clean stop (spec §7.8: INVALID closes the watchdogs). */
    private void finish(ExitCode code, String why) {
        context.log().info("ending with " + code.xhadName() + ": " + why);
        stop();
        end.complete(code);
    }

    @Override
    public void close() {
        stop();
        end.complete(ExitCode.SUCCESS);
    }

    private void stop() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            context.fencer().disarm();
        }
        poller.shutdownNow();
        statefileThread.shutdownNow();
        CompletableFuture<Boolean> p = proposal;
        if (p != null) {
            p.completeExceptionally(new HaException(ExitCode.SYSTEM_ERROR, "stopping"));
        }
        try {
            statefileThread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
        if (device != null) {
            device.close();
        }
        state = HostState.STARTING;
    }

    private static boolean attempt(Runnable io) {
        try {
            io.run();
            return true;
        } catch (HaException e) {
            return false;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.SYSTEM_ERROR, "interrupted while starting");
        }
    }

    private static ScheduledExecutorService daemonThread(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }
}
