package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.Objects;
import org.xcp.clusterstack.api.HostSet;
import java.util.Optional;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.xhad.core.XhadCore;

/**
 * What a simulated pool starts from: the seed of every random choice (tick order, packet loss and delay,
 * faults, whatever a test draws from {@link SimulatedPool#random()}), the number of hosts, the pool state the
 * statefile was initialised with, the network every link starts as, the timeouts in every xhad.conf, and how
 * far the virtual clock moves per step, and which hosts run C xhad's fault handler (a mixed pool: {@code
 * CXhadFaultHandler}, a model of xenserver/xha's that the tests supply as {@code cXhadModel}) instead of ours.
 */
public record PoolSetup(long seed, int hosts, PoolState poolState, Network network, SimTimeouts timeouts,
        Duration tick, Optional<HeartbeatKeys> keys, HostSet cXhad, CoreMaker cXhadModel) {
    /** Makes one host's core from its xhad.conf, the statefile's global section and its excluded flag. */
    @FunctionalInterface
    public interface CoreMaker {
        XhadCore core(DaemonConfig config, GlobalSection global, boolean excluded, long now);
    }

    /** The engine's own core, as the daemon makes it. */
    public static final CoreMaker OUR_CORE = XhadCore::new;

    /** The pool key of keyed simulated pools: fixed, so that runs repeat. */
    public static final HeartbeatKeys KEY = HeartbeatKeys.of(HeartbeatKey.of(new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30,
        31, 32}));

    public PoolSetup {
        Objects.requireNonNull(keys);
        Objects.requireNonNull(cXhad);
        Objects.requireNonNull(cXhadModel);
        if (hosts < 1 || hosts > 64) {
            throw new IllegalArgumentException("a pool has 1 to 64 hosts, not " + hosts);
        }
        if (poolState != PoolState.INIT && poolState != PoolState.ACTIVE) {
            throw new IllegalArgumentException("a daemon starts only under INIT or ACTIVE, not " + poolState);
        }
        if (tick.isNegative() || tick.isZero()) {
            throw new IllegalArgumentException("a tick of " + tick + " does not advance the clock");
        }
    }

    /** Right after {@code ha_set_pool_state init}, on a perfect network. */
    public static PoolSetup of(int hosts, long seed) {
        return new PoolSetup(seed, hosts, PoolState.INIT, Network.PERFECT, SimTimeouts.SHORT, SimTiming.TICK,
                Optional.empty(), HostSet.EMPTY, OUR_CORE);
    }

    public PoolSetup withNetwork(Network n) {
        return new PoolSetup(seed, hosts, poolState, n, timeouts, tick, keys, cXhad, cXhadModel);
    }

    public PoolSetup withPoolState(PoolState state) {
        return new PoolSetup(seed, hosts, state, network, timeouts, tick, keys, cXhad, cXhadModel);
    }

    public PoolSetup withTimeouts(SimTimeouts t) {
        return new PoolSetup(seed, hosts, poolState, network, t, tick, keys, cXhad, cXhadModel);
    }

    /** Heartbeats keyed with {@link #KEY} (docs/heartbeat-auth.md): every datagram goes through a keyed wire. */
    public PoolSetup keyed() {
        return new PoolSetup(seed, hosts, poolState, network, timeouts, tick, Optional.of(KEY), cXhad, cXhadModel);
    }

    /** Hosts {@code c} run C xhad's fault handler ({@code model}: the tests' model of it), the others ours. */
    public PoolSetup withCXhad(HostSet c, CoreMaker model) {
        return new PoolSetup(seed, hosts, poolState, network, timeouts, tick, keys, c, model);
    }

    /** How far the virtual clock moves per step (the daemon's own loop ticks every 100 ms). */
    public PoolSetup withTick(Duration t) {
        return new PoolSetup(seed, hosts, poolState, network, timeouts, t, keys, cXhad, cXhadModel);
    }
}
