package org.xcp.clusterstack.daemon.managed.sim;

import java.time.Duration;
import java.util.Objects;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * What a simulated managed pool starts from: the seed of every random choice, the number of hosts, who fences
 * (the stack's watchdog or the manager), the pool state the statefile was initialised with, and the manager's
 * timing: how often the daemon samples it, how long one sampling command may take before it gives up (the
 * tool timeout), how long after the manager reports a host gone that host is certainly fenced by the manager
 * ({@link FencingAuthority#windowAfterLoss()} under {@link FencingAuthority.Holder#MANAGER}) and how long the
 * manager takes to notice a change (corosync's token + consensus).
 *
 * <p>xhad.conf carries {@code parameters}: by default xapi's figures for T = 10 (t1 = t2 = 2, T1 = T2 = Wh = 10,
 * Ws = 25, Tboot = Tenable = 70).
 */
public record ManagedSetup(long seed, int hosts, FencingAuthority.Holder holder, PoolState poolState,
        Duration poll, Duration toolTimeout, Duration managerWindow, Duration detection, Duration tick,
        DaemonParameters parameters) {

    public static final int HA_TIMEOUT = 10;

    public ManagedSetup {
        if (hosts < 1 || hosts > 64) {
            throw new IllegalArgumentException("a pool has 1 to 64 hosts, not " + hosts);
        }
        Objects.requireNonNull(parameters);
        if (poolState != PoolState.INIT && poolState != PoolState.ACTIVE) {
            throw new IllegalArgumentException("a daemon starts only under INIT or ACTIVE, not " + poolState);
        }
    }

    /** Right after {@code ha_set_pool_state init}: polled every second, commands up to 2 s, detection 3 s. */
    public static ManagedSetup of(int hosts, long seed, FencingAuthority.Holder holder) {
        return new ManagedSetup(seed, hosts, holder, PoolState.INIT, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(8), Duration.ofSeconds(3), Duration.ofMillis(100), ManagedConfigs.xapi(HA_TIMEOUT));
    }

    public ManagedSetup withPoll(Duration p) {
        return new ManagedSetup(seed, hosts, holder, poolState, p, toolTimeout, managerWindow, detection, tick, parameters);
    }

    public ManagedSetup withDetection(Duration d) {
        return new ManagedSetup(seed, hosts, holder, poolState, poll, toolTimeout, managerWindow, d, tick, parameters);
    }

    /** The timeouts of a real xhad.conf instead of xapi's for T = 10 (what {@code cluster-stack simulate} runs). */
    public ManagedSetup withParameters(DaemonParameters p) {
        return new ManagedSetup(seed, hosts, holder, poolState, poll, toolTimeout, managerWindow, detection, tick, p);
    }

    /**
     * The authority the stack declares: its watchdog, whose survivors also wait one tool timeout (a sample taken
     * just before the loss may pet that much later, as corosync's stack says), or the manager with its window.
     */
    public FencingAuthority authority() {
        return holder == FencingAuthority.Holder.STACK_WATCHDOG
                ? new FencingAuthority("simulated watchdog", holder, toolTimeout)
                : FencingAuthority.manager("simulated manager", managerWindow);
    }

    public Duration wh() {
        return parameters.heartbeatWatchdogTimeout();
    }

    public Duration t2() {
        return parameters.statefileInterval();
    }

    public Duration bigT2() {
        return parameters.statefileTimeout();
    }

    public Duration tenable() {
        return parameters.enableJoinTimeout();
    }

    @Override
    public String toString() {
        return hosts + " hosts, " + holder + ", poll " + poll.toMillis() + " ms, tool timeout " + toolTimeout.toMillis()
                + " ms, manager window " + managerWindow.toMillis() + " ms, detection " + detection.toMillis()
                + " ms, seed " + seed;
    }
}
