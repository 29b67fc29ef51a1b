package org.xcp.clusterstack.common.core;

import org.xcp.clusterstack.api.statefile.PoolState;

/** A script's request, handed to the core with an id that its {@link Action.Reply} carries back. */
public sealed interface Request {
    long id();

    record ProposeMaster(long id) implements Request {
    }

    record Disarm(long id) implements Request {
    }

    record SetPoolState(long id, PoolState state) implements Request {
    }

    record SetExcluded(long id, boolean excluded) implements Request {
    }
}
