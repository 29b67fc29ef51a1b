package org.xcp.clusterstack.api.spi;

import java.time.Duration;

/**
 * This host's view of an external cluster manager (corosync, o2cb, Melio). The daemon host samples it every
 * {@link #pollInterval()} on one thread and builds xhad's behaviour from the samples: start blocks until the
 * local host is a quorate member, the liveset lists the members (holding departed ones live for the fence
 * window), pool state, excluded and the master lock live in the statefile as for xhad.
 *
 * <p>A source reads; it never fences and never arms a watchdog of its own (the one-fencer rule).
 */
public interface MembershipSource extends AutoCloseable {
    /** Who fences this host; fixed for the life of the source. */
    FencingAuthority fencing();

    /** How often {@link #view()} is sampled. */
    Duration pollInterval();

    /**
     * Samples the manager now. A manager that is down or answers garbage gives a view that is not quorate,
     * with the reason in its detail; this method does not throw for that.
     */
    MembershipView view();

    /**
     * {@code ha_disarm_fencing} for a {@link FencingAuthority.Holder#MANAGER} authority: returns once the
     * manager can no longer fence this host, or throws {@link org.xcp.clusterstack.api.HaException} with the
     * stack's documented exit code (never 14 or 17: stacks.md §3.8). Never called for a stack watchdog.
     */
    void disarmManagerFencing();

    /** Stops reading; releases files and processes. */
    @Override
    void close();
}
