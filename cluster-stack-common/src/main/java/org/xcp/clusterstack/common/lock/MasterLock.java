package org.xcp.clusterstack.common.lock;

import java.util.Optional;
import java.util.function.IntFunction;
import org.xcp.clusterstack.api.HostSet;

/**
 * The pool-wide master lock of spec §7.6, as pure functions of what the hosts publish in their statefile
 * sections: who requests it and whom each host grants it to.
 */
public final class MasterLock {
    private MasterLock() {
    }

    /**
     * The grants host {@code me} publishes (spec §7.6): every requesting live host, except that a host which
     * is itself requesting does not grant to a requester with a higher index (lower index wins).
     *
     * <p>Two rules keep the lock where it is once someone holds it, which the spec's wording leaves open
     * (a host deciding from a statefile view one cycle old could otherwise take it over): a grant once
     * given stays while its requester is live and still asking ({@code previous}), and the holder grants
     * only itself.
     */
    public static HostSet grantsOf(int me, HostSet requesters, HostSet live, HostSet previous, boolean holding) {
        if (holding) {
            return HostSet.of(me);
        }
        HostSet asking = requesters.intersect(live);
        HostSet grants = asking;
        if (requesters.contains(me)) {
            for (int i = me + 1; i < HostSet.MAX_HOSTS; i++) {
                grants = grants.without(i);
            }
            grants = grants.union(previous.intersect(asking));
        }
        return grants;
    }

    /** The live host every live host grants to, if any: it holds the lock. */
    public static Optional<Integer> holder(HostSet live, IntFunction<HostSet> grantsOf) {
        return live.indexes().filter(candidate -> live.indexes()
                .allMatch(granter -> grantsOf.apply(granter).contains(candidate))).boxed().findFirst();
    }
}
