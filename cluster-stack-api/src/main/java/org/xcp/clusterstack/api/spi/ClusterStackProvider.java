package org.xcp.clusterstack.api.spi;

/**
 * A cluster stack, found by the daemon host and the installer through {@link java.util.ServiceLoader}. One
 * provider per directory under {@code cluster-stack-root}; its {@link StackManifest#name()} is that
 * directory's name.
 */
public interface ClusterStackProvider {
    StackManifest manifest();

    /**
     * Opens the stack's membership engine for this host. Nothing runs until {@link MembershipEngine#join()}.
     */
    MembershipEngine open(StackContext context);
}
