package org.xcp.clusterstack.selector;

/**
 * Step 4 of {@code Pool.enable_ha} (selector.md §6): the chosen stack's own readiness checks, for example
 * corosync's (every host has an enabled, joined Cluster_host and the coordinator is quorate, §5.3). They are
 * not part of the selector; this is the place in the order where they run.
 */
@FunctionalInterface
public interface StackReadiness {
    /** No readiness checks: for stacks that have none, and for callers that run them elsewhere. */
    StackReadiness NONE = (stack, pool) -> {
    };

    /** @throws SelectorError the stack's error, e.g. {@code NO_COMPATIBLE_CLUSTER_HOST [host]} */
    void check(String stack, PoolSnapshot pool);
}
