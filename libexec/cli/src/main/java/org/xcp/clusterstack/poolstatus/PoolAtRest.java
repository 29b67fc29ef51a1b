package org.xcp.clusterstack.poolstatus;

import java.util.function.IntUnaryOperator;
import org.xcp.clusterstack.api.HostSet;

/**
 * The pool as a survival rule is asked about it: the configured hosts, those live now, those of them that reach
 * the statefile, the excluded ones and each host's weight (as its section reports it).
 */
public record PoolAtRest(HostSet configured, HostSet live, HostSet withStatefile, HostSet excluded,
        IntUnaryOperator weight) {
    /** The same pool with {@code host} gone on purpose (maintenance: stopped and excluded). */
    public PoolAtRest without(int host) {
        return new PoolAtRest(configured, live.without(host), withStatefile.without(host), excluded.with(host), weight);
    }
}
