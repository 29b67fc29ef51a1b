package org.xcp.clusterstack.daemon.managed;

import java.time.Duration;
import java.util.Arrays;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * Who is live, from a manager's samples, with stacks.md §5.3's restart safety: a peer that leaves the
 * quorate membership stays live until the fence window has passed since the first sample without it, because the
 * manager detects faster than the peer is certainly fenced and xapi restarts VMs as soon as a host is not
 * live. While the local host is not quorate nobody is live: it is the one being fenced.
 *
 * <p>A manager that does not answer (a tool run that timed out, a service restarting) is not a verdict: the
 * last answer stands for the fence window, during which the stack watchdog is not petted, so a host whose
 * manager stays silent is fenced by its own watchdog before peers could drop it. After the window the host
 * counts itself out. Pure (the caller passes the time) and thread-safe: sampled on one thread, read by the
 * statefile cycle and the scripts' requests.
 */
final class HeldMembership {
    private final DaemonConfig config;
    private final long windowNanos;
    /** nanoTime each host was last seen in a quorate sample; Long.MIN_VALUE = never, or dropped since. */
    private final long[] lastSeen;
    /** nanoTime of the first quorate sample without a live host; Long.MIN_VALUE = it is listed. */
    private final long[] missingSince;
    private HostSet live = HostSet.EMPTY;
    private HostSet members = HostSet.EMPTY;
    private boolean quorate;
    private long unreachableSince = Long.MIN_VALUE;

    HeldMembership(DaemonConfig config, Duration window) {
        this.config = config;
        this.windowNanos = window.toNanos();
        this.lastSeen = new long[config.hostCount()];
        Arrays.fill(lastSeen, Long.MIN_VALUE);
        this.missingSince = new long[config.hostCount()];
        Arrays.fill(missingSince, Long.MIN_VALUE);
    }

    /** Takes one sample; returns the live set it gives. */
    HostSet update(long now, MembershipView view) {
        return update(now, view, HostSet.EMPTY);
    }

    /**
     * Takes one sample; peers in {@code leftOnPurpose} (their statefile section says excluded: a clean shutdown,
     * spec §7.7) count as gone from the membership even while the manager still lists them.
     */
    synchronized HostSet update(long now, MembershipView view, HostSet leftOnPurpose) {
        if (!view.reachable()) {
            if (unreachableSince == Long.MIN_VALUE) {
                unreachableSince = now;
            }
            if (now - unreachableSince < windowNanos) {
                return live; // no answer is not an answer: keep the last one for now
            }
        } else {
            unreachableSince = Long.MIN_VALUE;
        }
        quorate = view.quorate() && view.members().contains(config.local().hostId());
        members = indexes(view).intersect(complement(leftOnPurpose.without(config.localHost().index())));
        if (!quorate) {
            Arrays.fill(lastSeen, Long.MIN_VALUE);
            Arrays.fill(missingSince, Long.MIN_VALUE);
            live = HostSet.EMPTY;
            return live;
        }
        HostSet next = HostSet.EMPTY;
        for (ConfiguredHost h : config.hosts()) {
            int i = h.index();
            if (members.contains(i)) {
                lastSeen[i] = now;
                missingSince[i] = Long.MIN_VALUE;
                next = next.with(i);
            } else if (live.contains(i)) {
                if (missingSince[i] == Long.MIN_VALUE) {
                    missingSince[i] = now;
                }
                if (now - missingSince[i] < windowNanos) {
                    next = next.with(i); // gone from the manager's view, not yet certainly fenced
                } else {
                    missingSince[i] = Long.MIN_VALUE;
                }
            }
        }
        live = next;
        return live;
    }

    /** The live set of the last sample. */
    synchronized HostSet live() {
        return live;
    }

    /** The hosts the manager listed in the last sample, quorate or not. */
    synchronized HostSet members() {
        return members;
    }

    /** The manager has not answered since {@code now - ms}; 0 while it answers. */
    synchronized long msUnreachable(long now) {
        return unreachableSince == Long.MIN_VALUE ? 0 : (now - unreachableSince) / 1_000_000;
    }

    /** The local host was a member of a quorate partition in the last answer that counted. */
    synchronized boolean quorate() {
        return quorate;
    }

    /** Live hosts the manager no longer lists: held until their fence window ends. */
    synchronized HostSet held() {
        return live.intersect(complement(members));
    }

    /** Milliseconds since host {@code i} was last seen in a quorate sample, or -1. */
    synchronized long msSinceSeen(int i, long now) {
        return lastSeen[i] == Long.MIN_VALUE ? -1 : (now - lastSeen[i]) / 1_000_000;
    }

    private HostSet indexes(MembershipView view) {
        HostSet set = HostSet.EMPTY;
        for (HaUuid id : view.members()) {
            var host = config.host(id);
            if (host.isPresent()) {
                set = set.with(host.get().index());
            }
        }
        return set;
    }

    private static HostSet complement(HostSet s) {
        return new HostSet(~s.bits());
    }
}
