package org.xcp.clusterstack.selector;

import java.util.Objects;

/**
 * The pool-level HA state the framework keeps (selector.md §8, I10): {@code Pool.ha_enabled} and
 * {@code Pool.ha_cluster_stack}. The stack is meaningful only while HA is enabled; it stays after
 * {@code Pool.disable_ha} and Cluster operations rewrite it even with HA off.
 */
public record PoolRecord(boolean haEnabled, String haClusterStack) {
    /** What a pool starts with: HA off, {@code xhad} ({@code dbsync_master.ml}). */
    public static final PoolRecord NEW_POOL = new PoolRecord(false, "xhad");

    public PoolRecord {
        Objects.requireNonNull(haClusterStack, "haClusterStack");
    }

    /** After a successful {@code Pool.enable_ha} with that stack (§6 step 6). */
    public PoolRecord enabledWith(String stack) {
        return new PoolRecord(true, stack);
    }

    /** After {@code Pool.disable_ha}: HA off, the stack kept (§8). */
    public PoolRecord disabled() {
        return new PoolRecord(false, haClusterStack);
    }

    /** After a Cluster operation re-ran the automatic choice (§8); {@code ha_enabled} is not touched. */
    public PoolRecord withClusterStack(String stack) {
        return new PoolRecord(haEnabled, stack);
    }
}
