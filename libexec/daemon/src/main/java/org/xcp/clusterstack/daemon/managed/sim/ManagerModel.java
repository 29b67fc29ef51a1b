package org.xcp.clusterstack.daemon.managed.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * A seeded cluster manager (corosync with votequorum, o2cb, Melio) as the daemons sample it. The <em>truth</em> is
 * which hosts are up, whose manager service runs and which network group each host is in; the manager
 * <em>reports</em> it only after a detection delay, in <em>epochs</em>: at an epoch every host's reported
 * partition is recomputed from the truth at that instant, all at once, as a corosync ring re-forms (the isolated
 * node loses quorum at the moment the survivors see the new membership, stacks.md §2.3). A crashed host may stay
 * reported for longer than usual ({@link #crash} with a longer hide).
 *
 * <p>Quorum is votequorum's, one vote per configured host: a strict majority of the configured hosts; an exact
 * half is quorate only if it holds host 0 (votequorum's {@code auto_tie_breaker} with the lowest node id, which
 * for 2 hosts means host 0 alone is quorate and host 1 alone is not).
 *
 * <p>Sampling trouble, per host: a silent tool (every sample unreachable, the service itself fine and still a
 * member for the others), slow commands (a view taken when the command starts arrives up to the tool timeout
 * later) and a hung command (no answer until the hang ends, then an unreachable view, as a command killed at its
 * deadline).
 */
final class ManagerModel {
    /** One sampling command: what it will say and when it returns (virtual nanoTime). */
    record Sample(MembershipView view, long deliverAt) {
    }

    private final int n;
    private final List<HaUuid> ids;
    private final Random random;
    private final long toolTimeout;
    private final boolean[] hostUp;
    private final boolean[] serviceUp;
    private final boolean[] toolSilent;
    private final int[] group;
    private final long[] hiddenUntil;
    private final long[] slowUntil;
    private final long[] hangUntil;
    private final HostSet[] reported;
    private final boolean[] quorate;
    private final TreeSet<Long> epochs = new TreeSet<>();

    ManagerModel(List<HaUuid> ids, Random random, long toolTimeout, long now) {
        this.n = ids.size();
        this.ids = List.copyOf(ids);
        this.random = random;
        this.toolTimeout = toolTimeout;
        this.hostUp = new boolean[n];
        this.serviceUp = new boolean[n];
        this.toolSilent = new boolean[n];
        this.group = new int[n];
        this.hiddenUntil = new long[n];
        this.slowUntil = new long[n];
        this.hangUntil = new long[n];
        this.reported = new HostSet[n];
        this.quorate = new boolean[n];
        Arrays.fill(hostUp, true);
        Arrays.fill(serviceUp, true);
        Arrays.fill(hiddenUntil, Long.MIN_VALUE);
        Arrays.fill(slowUntil, Long.MIN_VALUE);
        Arrays.fill(hangUntil, Long.MIN_VALUE);
        recompute(now); // the cluster was formed before HA was enabled
    }

    // ---- the truth changes; the manager reports it at a later epoch ----

    void crash(int i, long now, long detection, long hideFor) {
        hostUp[i] = false;
        serviceUp[i] = false;
        toolSilent[i] = false;
        hiddenUntil[i] = now + hideFor;
        epochs.add(now + detection);
        epochs.add(now + hideFor);
    }

    void reboot(int i, long now, long joinDelay) {
        hostUp[i] = true;
        serviceUp[i] = true;
        toolSilent[i] = false;
        slowUntil[i] = Long.MIN_VALUE;
        hangUntil[i] = Long.MIN_VALUE;
        hiddenUntil[i] = Long.MIN_VALUE;
        epochs.add(now + joinDelay);
    }

    /** The network splits into groups ({@code groups[i]} for host i). */
    void partition(int[] groups, long now, long detection) {
        System.arraycopy(groups, 0, group, 0, n);
        epochs.add(now + detection);
    }

    void heal(long now, long joinDelay) {
        Arrays.fill(group, 0);
        epochs.add(now + joinDelay);
    }

    /** The manager service on host i stops (its peers see it leave) or starts again (it joins). */
    void service(int i, boolean up, long now, long delay) {
        serviceUp[i] = up && hostUp[i];
        epochs.add(now + delay);
    }

    void toolSilent(int i, boolean silent) {
        toolSilent[i] = silent;
    }

    void slowCommands(int i, long until) {
        slowUntil[i] = until;
    }

    void hungCommand(int i, long until) {
        hangUntil[i] = until;
    }

    /** Applies the epochs due; returns the live hosts that were quorate and no longer are (the manager's victims). */
    List<Integer> step(long now) {
        List<Integer> lost = new ArrayList<>();
        boolean due = false;
        while (!epochs.isEmpty() && epochs.first() <= now) {
            epochs.pollFirst();
            due = true;
        }
        if (due) {
            boolean[] before = quorate.clone();
            recompute(now);
            for (int i = 0; i < n; i++) {
                if (before[i] && !quorate[i] && hostUp[i]) {
                    lost.add(i);
                }
            }
        }
        return lost;
    }

    private void recompute(long now) {
        boolean[] present = new boolean[n];
        for (int j = 0; j < n; j++) {
            present[j] = hostUp[j] && serviceUp[j] || now < hiddenUntil[j];
        }
        for (int i = 0; i < n; i++) {
            HostSet m = HostSet.EMPTY;
            if (hostUp[i] && serviceUp[i]) {
                for (int j = 0; j < n; j++) {
                    if (present[j] && group[j] == group[i]) {
                        m = m.with(j);
                    }
                }
            }
            reported[i] = m;
            quorate[i] = !m.isEmpty() && (2 * m.size() > n || 2 * m.size() == n && m.contains(0));
        }
    }

    // ---- what a daemon's sampling command gets ----

    /** A command started now on host i. */
    Sample sample(int i, long now) {
        if (now < hangUntil[i]) {
            return new Sample(MembershipView.unreachable("simulated: the command hung and was killed"), hangUntil[i]);
        }
        long delay = now < slowUntil[i] ? (long) (random.nextDouble() * toolTimeout) : 0;
        if (!hostUp[i] || !serviceUp[i] || toolSilent[i]) {
            return new Sample(MembershipView.unreachable("simulated: the manager does not answer"), now + delay);
        }
        Set<HaUuid> members = new HashSet<>();
        reported[i].indexes().forEach(j -> members.add(ids.get(j)));
        return new Sample(new MembershipView(true, quorate[i], members, "simulated: " + reported[i]
                + (quorate[i] ? " quorate" : " NOT quorate")), now + delay);
    }

    // ---- the truth, for the invariants ----

    /** Host i is in a quorate partition as the manager reports it, and its commands answer at once. */
    boolean clean(int i, long now) {
        return hostUp[i] && serviceUp[i] && !toolSilent[i] && quorate[i] && now >= slowUntil[i]
                && now >= hangUntil[i];
    }

    /** As the manager reports it now: host i's partition, quorate or not. */
    boolean quorate(int i) {
        return quorate[i] && hostUp[i] && serviceUp[i];
    }

    HostSet reported(int i) {
        return reported[i];
    }

    boolean serviceUp(int i) {
        return serviceUp[i];
    }

    String describe() {
        StringBuilder s = new StringBuilder("manager:");
        for (int i = 0; i < n; i++) {
            s.append(" h").append(i).append(hostUp[i] ? "" : " DOWN").append(serviceUp[i] ? "" : " no-service")
                    .append(toolSilent[i] ? " silent" : "").append(" g").append(group[i]).append(' ')
                    .append(reported[i]).append(quorate[i] ? "Q" : "-").append(';');
        }
        return s.toString();
    }
}
