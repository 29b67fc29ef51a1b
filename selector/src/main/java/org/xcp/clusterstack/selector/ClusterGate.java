package org.xcp.clusterstack.selector;

import java.util.List;
import java.util.Objects;

/**
 * {@code Cluster.create} and {@code Cluster.destroy} as they concern the stack (selector.md §8): the gate
 * that refuses a new Cluster under a running HA, and the automatic choice re-run and stored afterwards,
 * even with HA off ({@code Xapi_clustering.set_ha_cluster_stack}).
 */
public final class ClusterGate {
    private final StackSelector selector;

    public ClusterGate(StackSelector selector) {
        this.selector = Objects.requireNonNull(selector, "selector");
    }

    /**
     * Checks in xapi's order: {@code CLUSTER_ALREADY_EXISTS}, then {@code INCOMPATIBLE_CLUSTER_STACK_ACTIVE
     * [current stack]} while HA is on (a new Cluster would change the stack under it), then
     * {@code INVALID_CLUSTER_STACK} for anything but corosync.
     *
     * @param created the Cluster object the operation creates
     * @return the record once the Cluster exists
     */
    public PoolRecord create(PoolSnapshot pool, PoolRecord current, Cluster created) {
        if (!pool.clusters().isEmpty()) {
            throw new SelectorError(XenApiErrorCode.CLUSTER_ALREADY_EXISTS, List.of(),
                    "the pool already has Cluster " + pool.clusters().get(0).ref());
        }
        if (current.haEnabled()) {
            throw new SelectorError(XenApiErrorCode.INCOMPATIBLE_CLUSTER_STACK_ACTIVE,
                    List.of(current.haClusterStack()), "HA is enabled with " + Quote.quote(current.haClusterStack())
                            + "; a new Cluster would change the stack under it");
        }
        if (!Cluster.COROSYNC.equals(created.clusterStack())) {
            throw new SelectorError(XenApiErrorCode.INVALID_CLUSTER_STACK, List.of(created.clusterStack()),
                    "Cluster.create supports only " + Cluster.COROSYNC + ", not " + Quote.quote(created.clusterStack()));
        }
        return current.withClusterStack(selector.choose(pool.withClusters(List.of(created))));
    }

    /** @return the record once the Cluster is gone: the automatic choice over the Clusters that remain */
    public PoolRecord destroy(PoolSnapshot pool, PoolRecord current, String clusterRef) {
        Cluster destroyed = pool.cluster(clusterRef).orElseThrow(() -> SelectorError.handleInvalid("Cluster", clusterRef));
        List<Cluster> remaining = pool.clusters().stream().filter(c -> !c.equals(destroyed)).toList();
        return current.withClusterStack(selector.choose(pool.withClusters(remaining)));
    }
}
