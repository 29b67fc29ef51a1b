package org.xcp.clusterstack.api.spi;

/** A stack that is its own membership engine (the native {@code xhad} stack). */
public interface EngineStackProvider extends ClusterStackProvider {
    /**
     * Opens the stack's membership engine for this host. Nothing runs until {@link MembershipEngine#join()}.
     */
    MembershipEngine open(StackContext context);
}
