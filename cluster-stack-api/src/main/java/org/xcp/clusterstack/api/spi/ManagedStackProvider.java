package org.xcp.clusterstack.api.spi;

/**
 * A stack on an external cluster manager: it supplies membership (who is in the local, quorate partition)
 * and names the fencing authority; the daemon host turns that into xhad's behaviour.
 */
public interface ManagedStackProvider extends ClusterStackProvider {
    /**
     * Opens this host's view of the manager. Throws {@link org.xcp.clusterstack.api.HaException} with xhad's
     * exit code when the stack cannot run here (16 for a missing tool, a bad stack setting or a second fencer,
     * 6/7 for an unreadable or invalid stack setting). The context's fencer is a {@link ForbiddenFencer}:
     * only the daemon host fences.
     */
    MembershipSource open(StackContext context);
}
