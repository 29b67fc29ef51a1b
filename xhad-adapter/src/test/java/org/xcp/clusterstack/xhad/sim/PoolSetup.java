package org.xcp.clusterstack.xhad.sim;

import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * What a simulated pool starts from: the seed of every random choice (tick order, packet loss and delay,
 * faults, whatever a test draws from {@link SimulatedPool#random()}), the number of hosts, the pool state the
 * statefile was initialised with, the network every link starts as, and the timeouts in every xhad.conf.
 */
public record PoolSetup(long seed, int hosts, PoolState poolState, Network network, SimTimeouts timeouts) {
    public PoolSetup {
        if (hosts < 1 || hosts > 64) {
            throw new IllegalArgumentException("a pool has 1 to 64 hosts, not " + hosts);
        }
        if (poolState != PoolState.INIT && poolState != PoolState.ACTIVE) {
            throw new IllegalArgumentException("a daemon starts only under INIT or ACTIVE, not " + poolState);
        }
    }

    /** Right after {@code ha_set_pool_state init}, on a perfect network. */
    public static PoolSetup of(int hosts, long seed) {
        return new PoolSetup(seed, hosts, PoolState.INIT, Network.PERFECT, SimTimeouts.SHORT);
    }

    public PoolSetup withNetwork(Network n) {
        return new PoolSetup(seed, hosts, poolState, n, timeouts);
    }

    public PoolSetup withPoolState(PoolState state) {
        return new PoolSetup(seed, hosts, state, network, timeouts);
    }

    public PoolSetup withTimeouts(SimTimeouts t) {
        return new PoolSetup(seed, hosts, poolState, network, t);
    }
}
