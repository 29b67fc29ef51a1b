package org.xcp.clusterstack.selector;

/**
 * The XenAPI error codes the selector raises, each with the number of parameters xapi's datamodel gives it
 * (selector.md §10 and the errors it passes through). Every parameter is a string; object references are in
 * their opaque form ({@code OpaqueRef:...}).
 */
public enum XenApiErrorCode {
    /** [SR type] of the rejected heartbeat SR (§7, §10). */
    INCOMPATIBLE_STATEFILE_SR(1),
    /** [cluster_stack]: a driver's whole list comma-joined (§9), or the running stack (Cluster.create, §8). */
    INCOMPATIBLE_CLUSTER_STACK_ACTIVE(1),
    /** [stack] exactly as requested or chosen (§5.3 a, §6 step 3). */
    UNKNOWN_CLUSTER_STACK(1),
    /** [object ref, stack it requires] (§4.4, §5.3 b and c). */
    CLUSTER_STACK_CONSTRAINT(2),
    /** [message]; the selector's only one is {@code SR type not found in SM table.} (R2). */
    INTERNAL_ERROR(1),
    /** [] no SR can hold the statefile (§6 step 5, empty heartbeat_srs). */
    CANNOT_CREATE_STATE_FILE(0),
    /** [sr] the heartbeat SR is not plugged everywhere (§6 step 5). */
    SR_NO_PBDS(1),
    /** [] Pool.enable_ha on a pool whose HA is already on (§6 step 1). */
    HA_IS_ENABLED(0),
    /** [] Cluster.create while a Cluster exists (§8). */
    CLUSTER_ALREADY_EXISTS(0),
    /** [cluster_stack] Cluster.create with a stack other than corosync (§2 I4). */
    INVALID_CLUSTER_STACK(1),
    /** [class, ref] a reference that names no object of that class. */
    HANDLE_INVALID(2),
    /** [host] a stack readiness error (§5.3, corosync: a host without a corosync Cluster_host). */
    NO_COMPATIBLE_CLUSTER_HOST(1),
    /** [cluster_host] a stack readiness error (§5.3, corosync: clustering disabled on a host). */
    CLUSTERING_DISABLED(1),
    /** [cluster_host] a stack readiness error (§5.3, corosync: not joined, or the coordinator not quorate). */
    CLUSTER_HOST_NOT_JOINED(1);

    private final int arity;

    XenApiErrorCode(int arity) {
        this.arity = arity;
    }

    /** How many parameters an error with this code carries, always exactly. */
    public int arity() {
        return arity;
    }
}
