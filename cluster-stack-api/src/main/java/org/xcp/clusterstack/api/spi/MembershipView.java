package org.xcp.clusterstack.api.spi;

import java.util.Objects;
import java.util.Set;
import org.xcp.clusterstack.api.HaUuid;

/**
 * One sample of an external manager, as the local host sees it.
 *
 * @param reachable the manager answered (a manager that is down is not quorate either)
 * @param quorate the local host is in the partition allowed to run (corosync's votequorum, o2cb's own
 *        heartbeat completing, Melio's quorum)
 * @param members the pool hosts in the local partition, by xapi host UUID, the local host included when it
 *        is a member; only meaningful while {@code quorate}
 * @param detail one line for the daemon's log: why not quorate, which manager state was read
 */
public record MembershipView(boolean reachable, boolean quorate, Set<HaUuid> members, String detail) {
    public MembershipView {
        members = Set.copyOf(members);
        Objects.requireNonNull(detail);
        if (quorate && !reachable) {
            throw new IllegalArgumentException("an unreachable manager cannot be quorate");
        }
    }

    /** The manager did not answer. */
    public static MembershipView unreachable(String detail) {
        return new MembershipView(false, false, Set.of(), detail);
    }
}
