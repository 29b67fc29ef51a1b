package org.xcp.clusterstack.poolstatus;

import java.util.Optional;
import java.util.OptionalInt;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.xhad.core.PoolSurvival;

/** xhad's rule (SR-1, the weighted largest partition, SR-2), asked through the engine's own {@link PoolSurvival}. */
public final class StatefileRule implements StackRule {
    /** Past this many failure sets of one size the pool is too large to try each (C(20, 10) is 184,756). */
    static final long LIMIT = 200_000;

    @Override
    public String name() {
        return "xhad's statefile rule (SR-1, the weighted largest partition with ties to the lowest index, SR-2)";
    }

    @Override
    public OptionalInt failuresSurvived(PoolAtRest pool) {
        return survival(pool).failuresSurvived(LIMIT);
    }

    @Override
    public Optional<HostSet> survivorsOfSplit(PoolAtRest pool, HostSet side) {
        return Optional.of(survival(pool).survivorsOfSplit(side));
    }

    private static PoolSurvival survival(PoolAtRest pool) {
        return new PoolSurvival(pool.configured(), pool.live(), pool.withStatefile(), pool.excluded(), pool.weight());
    }
}
