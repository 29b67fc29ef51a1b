package org.xcp.clusterstack.daemon.managed;

import java.util.Arrays;
import org.xcp.clusterstack.api.HostSet;

/**
 * Who is live, from a manager's samples, with stacks.md §5.3's restart safety: a peer that leaves the
 * quorate membership stays live until the fence window has passed since the first sample without it, because the
 * manager detects faster than the peer is certainly fenced and xapi restarts VMs as soon as a host is not
 * live. While the local host is not quorate nobody is live: it is the one being fenced.
 *
 * <p>A manager that does not answer (a tool run that timed out, a service restarting) is not a verdict: the
 * last answer stands for the fence window, during which the stack watchdog is not petted, so a host whose
 * manager stays silent is fenced by its own watchdog before peers could drop it. After the window the host
 * counts itself out. Pure: the caller passes the time and the hosts, by index.
 */
final class HeldMembership {
    private final long windowNanos;
    /** nanoTime of the first quorate sample without a live host; Long.MIN_VALUE = it is present. */
    private final long[] missingSince;
    private HostSet live = HostSet.EMPTY;
    private HostSet members = HostSet.EMPTY;
    private HostSet present = HostSet.EMPTY;
    private boolean quorate;
    private long unreachableSince = Long.MIN_VALUE;

    HeldMembership(int hostCount, long windowNanos) {
        this.windowNanos = windowNanos;
        this.missingSince = new long[hostCount];
        Arrays.fill(missingSince, Long.MIN_VALUE);
    }

    /** Going Online with this liveset: held from now on. */
    void adopt(HostSet liveset) {
        live = liveset;
        Arrays.fill(missingSince, Long.MIN_VALUE);
    }

    /**
     * Takes one sample.
     *
     * @param reachable the manager answered
     * @param quorate the local host is in the quorate partition
     * @param listed the hosts the manager lists with the local host (left-on-purpose hosts already taken out)
     * @param present the listed hosts that count as present for the liveset (their daemons run)
     */
    void update(long now, boolean reachable, boolean quorate, HostSet listed, HostSet present) {
        if (!reachable) {
            if (unreachableSince == Long.MIN_VALUE) {
                unreachableSince = now;
            }
            if (now - unreachableSince < windowNanos) {
                return; // no answer is not an answer: keep the last one for now
            }
        } else {
            unreachableSince = Long.MIN_VALUE;
        }
        this.quorate = reachable && quorate;
        this.members = this.quorate ? listed : HostSet.EMPTY;
        this.present = this.quorate ? present : HostSet.EMPTY;
        if (!this.quorate) {
            Arrays.fill(missingSince, Long.MIN_VALUE);
            live = HostSet.EMPTY;
            return;
        }
        HostSet next = HostSet.EMPTY;
        for (int i = 0; i < missingSince.length; i++) {
            if (present.contains(i)) {
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
    }

    /** The live set of the last sample. */
    HostSet live() {
        return live;
    }

    /** The hosts the manager listed in the last sample that counted, while quorate. */
    HostSet members() {
        return members;
    }

    /** The local host was a member of a quorate partition in the last answer that counted. */
    boolean quorate() {
        return quorate;
    }

    /** Live hosts that are no longer present: held until their fence window ends. */
    HostSet held() {
        return live.intersect(new HostSet(~present.bits()));
    }
}
