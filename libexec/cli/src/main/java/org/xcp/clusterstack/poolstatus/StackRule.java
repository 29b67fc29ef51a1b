package org.xcp.clusterstack.poolstatus;

import java.util.Optional;
import java.util.OptionalInt;
import org.xcp.clusterstack.api.HostSet;

/**
 * The stack's own rule for who survives a failure, reached rather than restated: the statefile rule of the core
 * ({@link StatefileRule}) or corosync's quorum as corosync itself reports it ({@link QuorumRule}).
 */
public interface StackRule {
    /** The rule in words, for the text and JSON. */
    String name();

    /** How many more host failures, in the worst case, leave a host running; empty when it cannot be told. */
    OptionalInt failuresSurvived(PoolAtRest pool);

    /** Who survives when the network cuts {@code side} off the other live hosts; empty when it cannot be told. */
    Optional<HostSet> survivorsOfSplit(PoolAtRest pool, HostSet side);
}
