package org.xcp.clusterstack.daemon.managed;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.LivenessThreads;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.CoreDriver;
import org.xcp.clusterstack.common.statefile.StatefileIo;

/**
 * The channel of a stack on an external cluster manager around {@link ManagedCore}: one thread samples the
 * stack's {@link MembershipSource} every poll interval and hands each sample to the driver. Everything else (the
 * driver, the statefile thread, the scripts' requests) is the shared {@link CoreDriver}'s, so xapi sees the same
 * xhad for every stack. Fencing goes to one authority (stacks.md §5): the context's fencer for
 * {@link FencingAuthority.Holder#STACK_WATCHDOG}; for {@link FencingAuthority.Holder#MANAGER} the daemon never
 * touches a watchdog and {@code ha_disarm_fencing} asks the manager.
 */
public final class ManagedEngine extends CoreDriver<ManagedCore> {
    private final MembershipSource source;
    private final FencingAuthority authority;
    private final Duration window;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, LivenessThreads.MEMBERSHIP);
        t.setDaemon(true);
        return t;
    });

    public ManagedEngine(StackContext context, MembershipSource source) {
        super(context);
        this.source = source;
        this.authority = source.fencing();
        this.window = ManagedCore.fenceWindow(config, authority, source.pollInterval());
        context.log().info("stack on an external manager: fencing by " + authority.name() + " ("
                + authority.holder() + "), a departed peer stays live for " + window.toMillis() + " ms, polled every "
                + source.pollInterval().toMillis() + " ms");
    }

    /** Who fences this host while the stack runs. */
    public FencingAuthority authority() {
        return authority;
    }

    @Override
    protected ManagedCore open(StatefileIo statefile, long now) {
        ManagedCore core = new ManagedCore(config, statefile.globalAtStart(), statefile.excludedFlag(),
                statefile.previousRunOnline(), now, authority, source.pollInterval(), window);
        poller.scheduleWithFixedDelay(this::sample, 0, source.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return core;
    }

    private void sample() {
        try {
            offer(source.view());
        } catch (RuntimeException e) {
            offer(MembershipView.unreachable("sampling the manager failed: " + e));
        }
    }

    @Override
    protected List<Action> onEvidence(Object evidence) {
        return core.onSample((MembershipView) evidence, System.nanoTime());
    }

    @Override
    protected boolean executeOwn(Action action) {
        return false;
    }

    @Override
    protected void fencing(Action action) {
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            super.fencing(action);
        } else if (action instanceof Action.DisarmFencing) {
            source.disarmManagerFencing();
        }
    }

    @Override
    protected void disarmOnEnd() {
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            context.fencer().disarm();
        }
    }

    @Override
    protected void closeChannel() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
