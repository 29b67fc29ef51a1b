package org.xcp.clusterstack.common.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.spi.LivenessThreads;
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.XapiOutcome;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.statefile.StatefileIo;

/**
 * The I/O around a {@link MemberCore}, the same for every engine kind: one driver thread feeds the core the
 * engine's evidence, script requests, finished statefile cycles and a clock tick every {@link #TICK_MS} ms, and
 * carries out its actions. Statefile cycles run on their own thread, as in xhad, so a slow or stuck statefile never
 * delays the membership channel (the core stops petting the watchdog when a cycle is stuck too long). The core
 * decides; a driver only moves bytes and wakes threads. An engine kind adds its channel: it offers evidence with
 * {@link #offer} and carries out its own actions in {@link #execute(Action)}. xapi's health checks and restarts run
 * on the daemon's threads ({@link org.xcp.clusterstack.api.spi.XapiCommands}), their outcomes fed back to the core.
 */
public abstract class CoreDriver<C extends MemberCore> implements MembershipEngine {
    public static final long TICK_MS = 100;
    /** The view is remade after anything happens, and at least this often for its timings. */
    private static final long VIEW_REFRESH_NANOS = 500_000_000L;

    private record Pending(Request request, CompletableFuture<Action.Reply> reply) {
    }

    private record Stop() {
    }

    private record CycleDone(StatefileIo.CycleResult result) {
    }

    private record XapiDone(XapiOutcome outcome) {
    }

    protected final StackContext context;
    protected final DaemonConfig config;
    private final LivesetRenderer renderer;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<Action.Reply>> replies = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> online = new CompletableFuture<>();
    private final CompletableFuture<ExitCode> end = new CompletableFuture<>();
    private volatile String endWhy = "";
    private final ExecutorService statefileThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, LivenessThreads.STATEFILE);
        t.setDaemon(true);
        return t;
    });

    private StatefileIo statefile;
    protected volatile C core;
    private Thread driver;
    private volatile EngineView view;
    private long viewMadeAt;

    protected CoreDriver(StackContext context) {
        this.context = context;
        this.config = context.config();
        this.renderer = new LivesetRenderer(config);
    }

    // ---- what an engine kind supplies ----

    /** Opens the engine's channel and makes its core; the statefile is open and checked. */
    protected abstract C open(StatefileIo statefile, long now);

    /** Feeds the core one piece of the engine's evidence (offered with {@link #offer}); returns its actions. */
    protected abstract List<Action> onEvidence(Object evidence);

    /** Carries out an action only this engine kind has; returns false for an unknown one. */
    protected abstract boolean executeOwn(Action action);

    /** After a new view: anything the channel derives from it. */
    protected void viewChanged(EngineView before, EngineView after) {
    }

    /** Closes the engine's channel (called once, on the way out). */
    protected abstract void closeChannel();

    // ---- the life cycle ----

    @Override
    public final void join() {
        statefile = StatefileIo.open(config, context.faults());
        long now = System.nanoTime();
        try {
            core = open(statefile, now);
            core.watchXapi(context.xapi().present());
        } catch (RuntimeException e) {
            statefile.close();
            throw e;
        }
        view = core.view(now);
        driver = new Thread(this::drive, LivenessThreads.ENGINE_DRIVER);
        driver.setDaemon(true);
        driver.start();
        CompletableFuture.anyOf(online, end).join();
        if (end.isDone()) {
            throw new HaException(end.join(), endWhy);
        }
    }

    /** Hands the driver one piece of evidence from the engine's channel (any thread). */
    protected final void offer(Object evidence) {
        events.offer(evidence);
    }

    protected final boolean ended() {
        return end.isDone();
    }

    @Override
    public final HostState state() {
        EngineView v = view;
        return v == null ? HostState.STARTING : v.state();
    }

    @Override
    public final Liveset liveset() {
        EngineView v = view;
        return v == null ? Liveset.starting(config.local().hostId(), config.localHost().index()) : renderer.render(v);
    }

    /** Where this host's xapi health check stands, as of the last view; empty until the engine has one. */
    public final Optional<XapiCheckState> xapiCheckState() {
        EngineView v = view;
        return v == null ? Optional.empty() : Optional.of(v.xapi().local());
    }

    @Override
    public final void livesetPublished() {
        C c = core;
        if (c != null) {
            c.published();
        }
    }

    @Override
    public final boolean proposeMaster() {
        return ask(new Request.ProposeMaster(ids.incrementAndGet())).stdout().equals("TRUE\n");
    }

    @Override
    public final void disarmFencing() {
        ask(new Request.Disarm(ids.incrementAndGet()));
    }

    @Override
    public final void setPoolState(PoolState state) {
        ask(new Request.SetPoolState(ids.incrementAndGet(), state));
    }

    @Override
    public final void setExcluded(boolean excluded) {
        ask(new Request.SetExcluded(ids.incrementAndGet(), excluded));
    }

    @Override
    public final ExitCode awaitEnd() throws InterruptedException {
        try {
            return end.get();
        } catch (ExecutionException e) {
            return ExitCode.INTERNAL_BUG;
        }
    }

    @Override
    public final Optional<String> endReason() {
        return end.isDone() ? Optional.of(endWhy) : Optional.empty();
    }

    @Override
    public final void close() {
        if (driver == null) {
            finish(new Action.End(ExitCode.SUCCESS, true, "stopped before joining"));
            return;
        }
        events.offer(new Stop());
        try {
            end.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            finish(new Action.End(ExitCode.SUCCESS, true, "stop did not complete in time"));
        }
    }

    // ---- the driver thread ----

    private void drive() {
        try {
            while (!end.isDone()) {
                Object event = events.poll(TICK_MS, TimeUnit.MILLISECONDS);
                long now = System.nanoTime();
                if (event instanceof Pending p) {
                    replies.put(p.request().id(), p.reply());
                    execute(core.request(p.request(), now));
                } else if (event instanceof Stop) {
                    execute(core.stop());
                } else if (event instanceof CycleDone d) {
                    StatefileIo.CycleResult r = d.result();
                    execute(core.onStatefileRead(r.ownWritten(), r.globalWritten(), r.global(), r.hosts(),
                            r.ioNanos(), System.nanoTime()));
                    refreshView();
                    context.changed().run();
                } else if (event instanceof XapiDone x) {
                    execute(core.onXapiOutcome(x.outcome(), now));
                } else if (event != null) {
                    execute(onEvidence(event));
                }
                List<Action> actions = core.tick(System.nanoTime());
                execute(actions);
                if (event == null && actions.isEmpty() && System.nanoTime() - viewMadeAt < VIEW_REFRESH_NANOS) {
                    continue; // nothing happened: the published view is still right
                }
                EngineView before = refreshView();
                if (!before.currentLiveset().equals(view.currentLiveset()) || before.state() != view.state()) {
                    context.changed().run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(new Action.End(ExitCode.SYSTEM_ERROR, true, "the driver was interrupted"));
        } catch (RuntimeException e) {
            context.log().warn("engine failure: " + e);
            finish(new Action.End(ExitCode.INTERNAL_BUG, true, "engine failure: " + e));
        }
    }

    /**
     * The one place the published view is made: every refresh shows the engine kind what changed since the last
     * (a sender that left the hbdomain in a refresh nobody compared would keep its old sequence, and be refused
     * when it comes back). Returns the view before.
     */
    private EngineView refreshView() {
        EngineView before = view;
        view = core.view(System.nanoTime());
        viewMadeAt = System.nanoTime();
        viewChanged(before, view);
        return before;
    }

    private void execute(List<Action> actions) {
        for (Action action : actions) {
            execute(action);
        }
    }

    /** Carries out one action; the fencer's actions go through {@link #fencing} so a kind may route them. */
    private void execute(Action action) {
        if (action instanceof Action.StatefileCycle c) {
            statefileThread.execute(() -> cycle(c));
        } else if (action instanceof Action.Reply r) {
            CompletableFuture<Action.Reply> f = replies.remove(r.requestId());
            if (f != null) {
                f.complete(r);
            }
        } else if (action instanceof Action.BecameOnline) {
            refreshView();
            context.changed().run();
            online.complete(null);
        } else if (action instanceof Action.End e) {
            finish(e);
        } else if (action instanceof Action.Log l) {
            context.log().info(l.message());
        } else if (action instanceof Action.Record r) {
            context.log().record(r.event());
        } else if (action instanceof Action.SelfFence f) {
            context.log().warn("SELF-FENCE: " + f.reason());
            context.log().record(f.record()); // on disk before the fencer is told (EngineLog.record syncs)
            fencing(action);
            // only a fencer disarmed behind the core's back returns: this host must still stop taking part
            finish(new Action.End(ExitCode.SYSTEM_ERROR, false, "self-fence returned: " + f.reason()));
        } else if (action instanceof Action.DisarmFencing d) {
            try {
                fencing(action);
                context.log().info("fencing disarmed");
            } catch (HaException e) {
                core.disarmRefused();
                CompletableFuture<Action.Reply> f = replies.remove(d.requestId());
                if (f != null) {
                    f.completeExceptionally(e); // the stack's own code for a disarm that failed
                }
            }
        } else if (action instanceof Action.CheckXapi c) {
            context.xapi().healthCheck(c.id(), c.limit(), o -> events.offer(new XapiDone(o)));
        } else if (action instanceof Action.RestartXapi r) {
            context.xapi().restart(r.id(), r.limit(), o -> events.offer(new XapiDone(o)));
        } else if (action instanceof Action.PetWatchdog || action instanceof Action.ArmFencing) {
            fencing(action);
        } else if (!executeOwn(action)) {
            throw new IllegalStateException("no adapter for " + action);
        }
    }

    /** Arm, pet, disarm and self-fence: the context's fencer, unless the engine kind routes them elsewhere. */
    protected void fencing(Action action) {
        if (action instanceof Action.PetWatchdog) {
            context.fencer().pet();
        } else if (action instanceof Action.ArmFencing) {
            context.fencer().arm();
        } else if (action instanceof Action.DisarmFencing) {
            context.fencer().disarm();
        } else if (action instanceof Action.SelfFence f) {
            context.fencer().fenceNow(f.reason());
        }
    }

    /**
     * Why the engine ended, as the start report and the log say it: the core's reason, to which an engine kind may
     * add what only its channel knows (the native engine: heartbeats refused for a key this host lacks).
     */
    protected String explainEnd(Action.End e) {
        return e.why();
    }

    /** A clean end closes the watchdog (spec §7.4); an engine kind whose manager fences leaves it alone. */
    protected void disarmOnEnd() {
        context.fencer().disarm();
    }

    /** On the statefile thread: one access cycle, its result handed back to the driver. */
    private void cycle(Action.StatefileCycle c) {
        try {
            events.offer(new CycleDone(statefile.cycle(c)));
        } catch (RuntimeException e) {
            if (!end.isDone()) {
                context.log().warn("statefile cycle failed: " + e);
                events.offer(new CycleDone(new StatefileIo.CycleResult(false, false, Optional.empty(), List.of(), 0)));
            }
        }
    }

    /** Ends the engine once: a clean end disarms, the exit-19 trap leaves the watchdog armed. */
    private synchronized void finish(Action.End e) {
        if (end.isDone()) {
            return;
        }
        // say why first: the exit-19 trap leaves the watchdog armed, and once it is closed it may fire
        String why = explainEnd(e);
        context.log().info("engine ended with " + e.code().xhadName() + ": " + why);
        endWhy = why;
        if (e.disarm()) {
            disarmOnEnd();
        }
        closeChannel();
        context.xapi().close(); // a health check or restart still running is killed, and reports nothing
        statefileThread.shutdown();
        try {
            statefileThread.awaitTermination(5, TimeUnit.SECONDS); // let a cycle in flight finish its write
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        if (statefile != null) {
            statefile.close();
        }
        replies.values().forEach(f -> f.completeExceptionally(new HaException(ExitCode.DAEMON_IS_NOT_PRESENT,
                "the daemon is ending")));
        context.fencer().close();
        end.complete(e.code());
    }

    private Action.Reply ask(Request request) {
        if (end.isDone()) {
            throw new HaException(ExitCode.DAEMON_IS_NOT_PRESENT, "the daemon is ending");
        }
        if (driver == null) {
            throw new HaException(ExitCode.INVALID_LOCALHOST_STATE, "the local host is not Online yet");
        }
        CompletableFuture<Action.Reply> reply = new CompletableFuture<>();
        events.offer(new Pending(request, reply));
        try {
            Action.Reply r = reply.get();
            if (r.code() != ExitCode.SUCCESS) {
                throw new HaException(r.code(), "the daemon answered " + r.code().xhadName());
            }
            return r;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof HaException ha ? ha
                    : new HaException(ExitCode.INTERNAL_BUG, "engine failure: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "interrupted");
        }
    }
}
