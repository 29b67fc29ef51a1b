package org.xcp.clusterstack.common.sim;

import java.util.function.LongFunction;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.core.Request;

/** xapi's scripts as a simulated pool takes them: each call returns the id its reply will carry. */
public interface ScriptCalls {
    /** Hands host {@code host}'s daemon the request {@code request} makes of a new id; returns that id. */
    long request(int host, LongFunction<Request> request);

    default long proposeMaster(int host) {
        return request(host, Request.ProposeMaster::new);
    }

    default long disarm(int host) {
        return request(host, Request.Disarm::new);
    }

    default long setPoolState(int host, PoolState state) {
        return request(host, id -> new Request.SetPoolState(id, state));
    }

    default long setExcluded(int host, boolean excluded) {
        return request(host, id -> new Request.SetExcluded(id, excluded));
    }
}
