package org.xcp.clusterstack.xhad;

import java.util.List;
import java.util.Map;
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
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.xhad.core.Action;
import org.xcp.clusterstack.xhad.core.EngineView;
import org.xcp.clusterstack.xhad.core.LivesetRenderer;
import org.xcp.clusterstack.xhad.core.Request;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.xhad.heartbeat.Arrival;
import org.xcp.clusterstack.xhad.heartbeat.UdpHeartbeat;

/**
 * The I/O around {@link XhadCore}: one driver thread feeds it heartbeats, script requests, finished statefile
 * cycles and a clock tick every {@link #TICK_MS} ms, and carries out its actions on the UDP socket and the
 * fencer. Statefile cycles run on their own thread, as in xhad, so a slow or stuck statefile never delays
 * the heartbeat (the core stops petting the watchdog when a cycle is stuck too long). The core decides; this
 * class only moves bytes and wakes threads.
 */
final class XhadEngine implements MembershipEngine {
    static final long TICK_MS = 100;

    private record Pending(Request request, CompletableFuture<Action.Reply> reply) {
    }

    private record Stop() {
    }

    private record CycleDone(StatefileIo.CycleResult result) {
    }

    private final StackContext context;
    private final DaemonConfig config;
    private final LivesetRenderer renderer;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<Action.Reply>> replies = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> online = new CompletableFuture<>();
    private final CompletableFuture<ExitCode> end = new CompletableFuture<>();

    private StatefileIo statefile;
    private UdpHeartbeat heartbeat;
    private XhadCore core;
    private Thread driver;
    private final ExecutorService statefileThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xhad-statefile");
        t.setDaemon(true);
        return t;
    });
    private volatile EngineView view;
    private long viewMadeAt;
    /** The view is remade after anything happens, and at least this often for its timings. */
    private static final long VIEW_REFRESH_NANOS = 500_000_000L;

    XhadEngine(StackContext context) {
        this.context = context;
        this.config = context.config();
        this.renderer = new LivesetRenderer(config);
    }

    @Override
    public void join() {
        statefile = StatefileIo.open(config, context.faults());
        try {
            heartbeat = UdpHeartbeat.open(config, events::offer, context.faults());
        } catch (HaException e) {
            statefile.close();
            throw e;
        }
        long now = System.nanoTime();
        core = new XhadCore(config, statefile.globalAtStart(), statefile.excludedFlag(), now);
        view = core.view(now);
        driver = new Thread(this::drive, "xhad-driver");
        driver.setDaemon(true);
        driver.start();
        CompletableFuture.anyOf(online, end).join();
        if (end.isDone()) {
            throw new HaException(end.join(), "the start ended with " + end.join().xhadName());
        }
    }

    @Override
    public HostState state() {
        return view == null ? HostState.STARTING : view.state();
    }

    @Override
    public Liveset liveset() {
        EngineView v = view;
        return v == null ? Liveset.starting(config.local().hostId(), config.localHost().index()) : renderer.render(v);
    }

    @Override
    public boolean proposeMaster() {
        return ask(new Request.ProposeMaster(ids.incrementAndGet())).stdout().equals("TRUE\n");
    }

    @Override
    public void disarmFencing() {
        ask(new Request.Disarm(ids.incrementAndGet()));
    }

    @Override
    public void setPoolState(PoolState state) {
        ask(new Request.SetPoolState(ids.incrementAndGet(), state));
    }

    @Override
    public void setExcluded(boolean excluded) {
        ask(new Request.SetExcluded(ids.incrementAndGet(), excluded));
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
                if (event instanceof Arrival a) {
                    execute(core.onHeartbeat(a.packet(), a.receivedNanos()));
                } else if (event instanceof Pending p) {
                    replies.put(p.request().id(), p.reply());
                    execute(core.request(p.request(), now));
                } else if (event instanceof Stop) {
                    execute(core.stop());
                } else if (event instanceof CycleDone d) {
                    StatefileIo.CycleResult r = d.result();
                    execute(core.onStatefileRead(r.ownWritten(), r.globalWritten(), r.global(), r.hosts(),
                            r.ioNanos(), System.nanoTime()));
                    view = core.view(System.nanoTime());
                    context.changed().run();
                    core.published();
                }
                List<Action> actions = core.tick(System.nanoTime());
                execute(actions);
                if (event == null && actions.isEmpty() && System.nanoTime() - viewMadeAt < VIEW_REFRESH_NANOS) {
                    continue; // nothing happened: the published view is still right
                }
                EngineView before = view;
                view = core.view(System.nanoTime());
                viewMadeAt = System.nanoTime();
                // §6.3: a sender that left my hbdomain starts again from sequence 0 when it comes back
                before.hbdomain().indexes().filter(i -> !view.hbdomain().contains(i))
                        .forEach(heartbeat::resetSequence);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(new Action.End(ExitCode.SYSTEM_ERROR, true, "the driver was interrupted"));
        } catch (RuntimeException e) {
            context.log().warn("engine failure: " + e);
            finish(new Action.End(ExitCode.INTERNAL_BUG, true, "engine failure: " + e));
        }
    }

    private void execute(List<Action> actions) {
        for (Action action : actions) {
            if (action instanceof Action.SendHeartbeat s) {
                heartbeat.send(s.packet());
            } else if (action instanceof Action.StatefileCycle c) {
                statefileThread.execute(() -> cycle(c));
            } else if (action instanceof Action.PetWatchdog) {
                context.fencer().pet();
            } else if (action instanceof Action.SelfFence f) {
                context.log().warn("SELF-FENCE: " + f.reason());
                context.fencer().fenceNow(f.reason());
                // only a fencer disarmed behind the core's back returns: this host must still stop taking part
                finish(new Action.End(ExitCode.SYSTEM_ERROR, false, "self-fence returned: " + f.reason()));
            } else if (action instanceof Action.ArmFencing) {
                context.fencer().arm();
            } else if (action instanceof Action.DisarmFencing) {
                context.fencer().disarm();
                context.log().info("fencing disarmed");
            } else if (action instanceof Action.BecameOnline) {
                view = core.view(System.nanoTime());
                online.complete(null);
            } else if (action instanceof Action.Reply r) {
                CompletableFuture<Action.Reply> f = replies.remove(r.requestId());
                if (f != null) {
                    f.complete(r);
                }
            } else if (action instanceof Action.End e) {
                finish(e);
            } else if (action instanceof Action.Log l) {
                context.log().info(l.message());
            }
        }
    }

    /** On the statefile thread: one access cycle, its result handed back to the driver. */
    private void cycle(Action.StatefileCycle c) {
        try {
            events.offer(new CycleDone(statefile.cycle(c)));
        } catch (RuntimeException e) {
            if (!end.isDone()) {
                context.log().warn("statefile cycle failed: " + e);
                events.offer(new CycleDone(new StatefileIo.CycleResult(false, false, java.util.Optional.empty(),
                        List.of(), 0)));
            }
        }
    }

    /** Ends the engine once: a clean end disarms, the exit-19 trap leaves the watchdog armed. */
    private synchronized void finish(Action.End e) {
        if (end.isDone()) {
            return;
        }
        // say why first: the exit-19 trap leaves the watchdog armed, and once it is closed it may fire
        context.log().info("engine ended with " + e.code().xhadName() + ": " + e.why());
        if (e.disarm()) {
            context.fencer().disarm();
        }
        if (heartbeat != null) {
            heartbeat.close();
        }
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
