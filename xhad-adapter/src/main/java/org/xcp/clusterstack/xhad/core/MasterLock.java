package org.xcp.clusterstack.xhad.core;

import java.util.Optional;
import java.util.function.IntFunction;
import org.xcp.clusterstack.api.HostSet;

/**
 * The pool-wide master lock of spec §7.6, as pure functions of what the hosts publish in their statefile
 * sections: who requests it and whom each host grants it to.
 */
final class MasterLock {
    private MasterLock() {
    }

    /**
     * The grants host {@code me} publishes: every requesting live host, except that a host which is itself
     * requesting does not grant to a requester with a higher index (lower index wins).
     */
    static HostSet grantsOf(int me, HostSet requesters, HostSet live) {
        HostSet grants = requesters.intersect(live);
        if (requesters.contains(me)) {
            for (int i = me + 1; i < HostSet.MAX_HOSTS; i++) {
                grants = grants.without(i);
            }
        }
        return grants;
    }

    /** The live host every live host grants to, if any: it holds the lock. */
    static Optional<Integer> holder(HostSet live, IntFunction<HostSet> grantsOf) {
        return live.indexes().filter(candidate -> live.indexes()
                .allMatch(granter -> grantsOf.apply(granter).contains(candidate))).boxed().findFirst();
    }
}
