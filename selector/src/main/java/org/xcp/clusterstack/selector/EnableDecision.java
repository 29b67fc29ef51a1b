package org.xcp.clusterstack.selector;

import java.util.Objects;

/** What a {@code Pool.enable_ha} that passed every check will use: the stack and the SR for the statefile. */
public record EnableDecision(String clusterStack, Sr statefileSr) {
    public EnableDecision {
        Objects.requireNonNull(clusterStack, "clusterStack");
        Objects.requireNonNull(statefileSr, "statefileSr");
    }

    /** The pool record to write now, and only now (§6 step 6). */
    public PoolRecord record() {
        return new PoolRecord(true, clusterStack);
    }
}
