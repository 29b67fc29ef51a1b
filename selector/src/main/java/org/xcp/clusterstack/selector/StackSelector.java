package org.xcp.clusterstack.selector;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.xapiconf.StackName;

/**
 * The choice of the cluster stack (selector.md §4 and §5.3): a pure function of the pool's SRs, the driver
 * table, the Cluster objects, the requested stack and {@code cluster-stack-default}. It never consults the
 * heartbeat SRs or the whitelists (R6); an explicit request alone asks whether that one stack is installed.
 *
 * <p>Every failure is a {@link SelectorError}: {@code INTERNAL_ERROR} for an SR type no driver has (R2),
 * {@code CLUSTER_STACK_CONSTRAINT} for conflicts (§4.4, §5.3), {@code UNKNOWN_CLUSTER_STACK} for a request
 * that names no installed stack (§5.3 a).
 */
public final class StackSelector {
    private final StackName defaultStack;

    /** @param defaultStack {@code cluster-stack-default}, already checked at start-up (§3.1) */
    public StackSelector(StackName defaultStack) {
        this.defaultStack = Objects.requireNonNull(defaultStack, "defaultStack");
    }

    public StackName defaultStack() {
        return defaultStack;
    }

    /**
     * §5.3: the empty string chooses automatically (§4); anything else must be a valid, installed stack that
     * every constrained master-attached SR accepts, or, with no SR constrained, that every Cluster runs.
     */
    public String resolve(PoolSnapshot pool, String requested, InstalledStacks master) {
        Objects.requireNonNull(requested, "requested");
        if (requested.isEmpty()) {
            return choose(pool);
        }
        if (!StackName.isValid(requested)) {
            throw SelectorError.unknownClusterStack(requested,
                    "is not a valid stack name: " + StackName.problem(requested).orElseThrow());
        }
        if (!master.isInstalled(StackName.of(requested))) {
            throw SelectorError.unknownClusterStack(requested, "is not installed " + master);
        }
        List<Constraint> constraints = constraints(pool);
        for (Constraint c : constraints) {
            if (!c.alternatives().contains(requested)) {
                throw SelectorError.constraint(c.sr().ref(), c.alternatives().get(0), "SR " + c.sr().ref()
                        + " of type " + Quote.quote(c.sr().type()) + " needs one of " + Quote.list(c.alternatives())
                        + ", not the requested " + Quote.quote(requested));
            }
        }
        if (constraints.isEmpty()) {
            for (Cluster cluster : pool.clusters()) {
                if (!cluster.clusterStack().equals(requested)) {
                    throw SelectorError.constraint(cluster.ref(), cluster.clusterStack(), "Cluster "
                            + cluster.ref() + " runs " + Quote.quote(cluster.clusterStack())
                            + ", which already fences hosts; the requested " + Quote.quote(requested)
                            + " would be a second fencer");
                }
            }
        }
        return requested;
    }

    /**
     * §4, automatic mode: SR constraints first (the first alternative of the running intersection, kept in
     * the order of the first constrained SR), then Cluster objects, then {@code cluster-stack-default}.
     */
    public String choose(PoolSnapshot pool) {
        List<Constraint> constraints = constraints(pool);
        if (constraints.isEmpty()) {
            return chooseFromClusters(pool.clusters());
        }
        List<String> running = new ArrayList<>(constraints.get(0).alternatives());
        for (Constraint c : constraints.subList(1, constraints.size())) {
            List<String> before = List.copyOf(running);
            running.retainAll(c.alternatives());
            if (running.isEmpty()) {
                throw SelectorError.constraint(c.sr().ref(), c.alternatives().get(0), "SR " + c.sr().ref()
                        + " of type " + Quote.quote(c.sr().type()) + " needs one of " + Quote.list(c.alternatives())
                        + ", but the SRs before it allow only " + Quote.list(before));
            }
        }
        return running.get(0);
    }

    private String chooseFromClusters(List<Cluster> clusters) {
        if (clusters.isEmpty()) {
            return defaultStack.value();
        }
        Cluster first = clusters.get(0);
        for (Cluster cluster : clusters) {
            if (!cluster.clusterStack().equals(first.clusterStack())) {
                throw SelectorError.constraint(cluster.ref(), cluster.clusterStack(), "Cluster " + cluster.ref()
                        + " runs " + Quote.quote(cluster.clusterStack()) + " but Cluster " + first.ref() + " runs "
                        + Quote.quote(first.clusterStack()) + ": two cluster managers would fence");
            }
        }
        return first.clusterStack();
    }

    /**
     * The constrained master-attached SRs in canonical order. Every master-attached SR's type is looked up
     * first, the unconstrained ones included, so a missing type fails the whole choice (R2).
     */
    private static List<Constraint> constraints(PoolSnapshot pool) {
        List<Constraint> constraints = new ArrayList<>();
        for (Sr sr : pool.masterAttachedSrs()) {
            List<String> alternatives = pool.drivers().constraintListOf(sr);
            if (!alternatives.isEmpty()) {
                constraints.add(new Constraint(sr, alternatives));
            }
        }
        return constraints;
    }

    private record Constraint(Sr sr, List<String> alternatives) {
    }
}
