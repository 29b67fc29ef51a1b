package org.xcp.clusterstack.daemon.managed;

import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.HostSectionBuilder;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.MemberCore;
import org.xcp.clusterstack.common.core.SectionReads;
import org.xcp.clusterstack.common.core.StartCriteria;

/**
 * The membership evidence of a stack on an external cluster manager (corosync, o2cb, Melio) over the shared
 * {@link MemberCore}: the manager's sampled view stands where xhad has its heartbeats, its fence window where xhad
 * has the FH4 wait. Pure, like the core: the adapter feeds it samples ({@link #onSample}) and the clock.
 *
 * <ul>
 *   <li>Up: a host is up on the membership channel while the manager lists it in the local quorate partition,
 *       and on the statefile while its sequence moves (spec §5.5). The start criteria are xhad's
 *       ({@link StartCriteria}) on those two domains: under INIT every configured host must be up on both.</li>
 *   <li>Live: a peer enters the liveset when the manager lists it and its section shows its daemon Online
 *       (starting clear, sequence moving); it leaves when the manager no longer lists it, its section says it
 *       left on purpose (excluded) or started again, and then only after the fence window
 *       ({@link HeldMembership}). While the local host is not quorate nobody is live.</li>
 *   <li>Fencing, one authority (stacks.md §5): {@link FencingAuthority.Holder#STACK_WATCHDOG} pets the watchdog on
 *       each quorate sample (not while the statefile cycle is stuck past Ws − Wh, as xhad's statefile watchdog)
 *       and self-fences on a sample that is not quorate; {@link FencingAuthority.Holder#MANAGER} never pets or
 *       self-fences: the manager does.</li>
 *   <li>Without statefile access the pool goes on under the manager's membership, as xhad's SR-2 goes on under
 *       its heartbeats: the liveset says {@code statefile_lost} and this host's own access FALSE.</li>
 * </ul>
 */
public final class ManagedCore extends MemberCore {
    private final FencingAuthority authority;
    private final HeldMembership membership;
    private final long pollNanos;
    private final long[] heard;
    private MembershipView lastView = MembershipView.unreachable("not sampled yet");
    private long lastSampleAt = -1;
    /** Live peers seen Online in their sections since this host went Online: a starting section is a new run. */
    private HostSet seenRunning = HostSet.EMPTY;
    /**
     * Peers a quorate sample has not listed since their section last showed them running: only these may have been
     * reset by a manager that fences. Under MANAGER authority a daemon that starts again on a host the manager
     * kept listing ran on a host nobody reset: its VMs still run, so it stays live (the managed simulator found
     * survivors dropping such a host, seed 15).
     */
    private HostSet unlistedSinceRunning = HostSet.EMPTY;
    private boolean noticedGone;
    private final boolean previousRunOnline;
    /** nanoTime since each peer's section has said starting, or -1. */
    private final long[] startingSince;
    private final long windowNanos;

    /**
     * @param previousRunOnline this host's section, as found at start, is an Online run's (starting clear)
     * @param window how long a departed peer stays live: until it is certainly fenced (stacks.md §5.3)
     */
    public ManagedCore(DaemonConfig config, GlobalSection global, boolean excluded, boolean previousRunOnline,
            long now, FencingAuthority authority, Duration pollInterval, Duration window) {
        super(config, global, excluded, now);
        this.previousRunOnline = previousRunOnline;
        this.startingSince = new long[config.hostCount()];
        Arrays.fill(startingSince, -1);
        this.authority = authority;
        this.pollNanos = pollInterval.toNanos();
        this.windowNanos = window.toNanos();
        this.membership = new HeldMembership(config.hostCount(), window.toNanos());
        this.heard = new long[config.hostCount()];
        Arrays.fill(heard, -1);
    }

    /** The fence window a stack's authority gives (stacks.md §5.3): the stack watchdog adds Wh and one poll. */
    public static Duration fenceWindow(DaemonConfig config, FencingAuthority authority, Duration pollInterval) {
        Duration window = authority.windowAfterLoss();
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            // the victim stops petting when it sees quorum lost, one poll after the survivors see it go at worst
            window = window.plus(config.parameters().heartbeatWatchdogTimeout()).plus(pollInterval);
        }
        return window;
    }

    // ---- the manager's evidence ----

    /** One sample of the manager. */
    public List<Action> onSample(MembershipView view, long now) {
        List<Action> out = new ArrayList<>();
        if (done()) {
            return out;
        }
        if (lastSampleAt >= 0) {
            heartbeatInterval(now - lastSampleAt);
        }
        lastSampleAt = now;
        take(view, now, out);
        return out;
    }

    /** The manager has not answered for three polls (a hung sampler): that is an unreachable manager. */
    @Override
    protected void step(long now, List<Action> out) {
        if (lastSampleAt >= 0 && now - lastSampleAt > 3 * pollNanos) {
            lastSampleAt = now;
            take(MembershipView.unreachable("no sample of the manager for " + 3 * pollNanos / MS + " ms"), now, out);
        }
        if (phase == Phase.STARTING) {
            start(now, out);
        }
    }

    private void take(MembershipView view, long now, List<Action> out) {
        HostSet listed = indexes(view).intersect(complement(sections.excludedPeers()));
        boolean quorate = view.reachable() && view.quorate() && listed.contains(me);
        HostSet present = listed;
        if (phase == Phase.ONLINE) {
            HostSet running = runningPeers(now);
            seenRunning = seenRunning.union(running).intersect(current.union(running));
            if (view.reachable() && quorate) {
                unlistedSinceRunning = unlistedSinceRunning.union(complement(listed));
            }
            unlistedSinceRunning = unlistedSinceRunning.intersect(complement(running));
            present = listed.intersect(complement(restartedPeers(now))).intersect(current.union(running)).with(me);
        }
        boolean wasQuorate = membership.quorate();
        HostSet before = membership.live();
        membership.update(now, view.reachable(), quorate, listed, present);
        if (membership.quorate()) {
            for (int i : present.toArray()) {
                heard[i] = now;
            }
        }
        if (phase == Phase.ONLINE) {
            HostSet previous = current;
            liveset(membership.live());
            record(previous, view, now, out);
            if (!current.equals(before) || wasQuorate != membership.quorate()) {
                HostSet held = membership.held();
                out.add(new Action.Log("membership: live " + current + ", listed " + membership.members()
                        + (held.isEmpty() ? "" : ", held for the fence window " + held)
                        + (membership.quorate() ? "" : ", NOT QUORATE") + ": " + view.detail()));
            }
            fence(view, now, out);
        }
        lastView = view;
    }

    private void fence(MembershipView view, long now, List<Action> out) {
        if (authority.holder() != FencingAuthority.Holder.STACK_WATCHDOG || !view.reachable() || !armed) {
            return; // the manager fences; or a silent manager: no pet, the watchdog fires Wh after the last answer
        }
        if (membership.quorate()) {
            pet(now, false, out);
        } else {
            selfFence(JournalEvent.of(EventKind.SELF_FENCE, "this host is outside the quorate partition of "
                    + authority.name() + ": " + view.detail()).with("manager_view", view.detail())
                    .with("listed", membership.members()).with("quorate", false), out);
        }
    }

    /** The journal's record of who joined and who left the liveset, on the manager's evidence. */
    private void record(HostSet previous, MembershipView view, long now, List<Action> out) {
        for (int j : current.intersect(complement(previous)).toArray()) {
            out.add(new Action.Record(JournalEvent.of(EventKind.HOST_JOINED, "host " + j + " joined the liveset: "
                    + authority.name() + " lists it in the quorate partition").with("host", j)
                    .with("liveset", current).with("manager_view", view.detail())));
        }
        for (int j : previous.intersect(complement(current)).toArray()) {
            long listed = heard[j];
            out.add(new Action.Record(JournalEvent.of(EventKind.HOST_DROPPED, "host " + j + " left the liveset: "
                    + authority.name() + " has not listed it for " + seconds(now - listed) + ", past the fence"
                    + " window in which " + (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG
                            ? "its watchdog" : authority.name()) + " surely fenced it").with("host", j)
                    .with("liveset", current).with("not_listed_ms", listed < 0 ? -1 : (now - listed) / MS)
                    .with("fence_window_ms", windowNanos / MS).with("fenced_by", authority.name())
                    .with("manager_view", view.detail())));
        }
    }

    // ---- start (spec §7.1, with the manager's partition for the heartbeat domain) ----

    private void start(long now, List<Action> out) {
        long elapsed = now - startNanos;
        long limit = startLimit();
        HostSet hb = hbdomain(now);
        HostSet sf = sfdomain(now);
        if (!noticedGone) {
            // step 3: a previous run of mine that was Online may still be in a running peer's liveset: with the
            // stack watchdog, wait until the peers have dropped it (they do once my section says starting, after
            // the fence window). Under MANAGER authority they keep a host the manager never reset (restartedPeers):
            // wait only while one holds me for the window (its proposed liveset leaves me out, as xhad's FH4 does)
            boolean stackWatchdog = authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG;
            if (previousRunOnline && sf.without(me).indexes().anyMatch(i -> stackWatchdog ? listsMeLive(i)
                    : dropsMe(i))) {
                if (elapsed > limit) {
                    end(ExitCode.BOOTJOIN_TIMEOUT, true, "peers still list this host as live", out);
                }
                return;
            }
            // step 2: until every host the manager lists has been seen on the statefile, at most 2 t2 (never fails)
            noticedGone = sf.contains(me) && (hb.intersect(complement(sf)).isEmpty() || elapsed >= 2 * t2);
            if (!noticedGone) {
                failIfTooLong(elapsed, limit, out);
                return;
            }
        }
        if (!membership.quorate() && poolState() == PoolState.INIT
                && runningPeers(now).indexes().anyMatch(this::listsMeLive)) {
            // under INIT, peers formed the liveset with me while my manager does not count me in yet: a manager whose
            // hosts see each other one by one (not every manager agrees on a membership at once) lags here. That
            // liveset is not the stale one "INIT with an existing liveset" (11) means: wait until the manager counts
            // me in, then adopt it below, within Tenable (12 after it)
            failIfTooLong(elapsed, limit, out);
            return;
        }
        if (!membership.quorate()) {
            // outside the quorate partition nothing can be formed or joined, but xhad's start criteria still say
            // how the start ends: 18 for an excluded host with no liveset, 11, 12, 13 (spec §7.1 step 4)
            boolean allExcluded = everyone.indexes().allMatch(i -> i == me ? excluded : sections.excluded(i));
            StartCriteria.Decision d = criteria.decide(new StartCriteria.View(me, poolState(), HostSet.EMPTY, sf,
                    !runningPeers(now).isEmpty(), excluded, allExcluded), Duration.ofNanos(elapsed));
            if (d instanceof StartCriteria.Fail f) {
                end(f.code(), true, f.reason() + " (" + lastView.detail() + ")", out);
            } else if (d instanceof StartCriteria.Form) {
                end(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET, true, "not in the quorate partition after "
                        + limit / 1_000_000_000L + " s: " + lastView.detail(), out);
            } else {
                failIfTooLong(elapsed, limit, out);
            }
            return;
        }
        PoolState pool = poolState();
        HostSet running = runningPeers(now);
        Optional<HostSet> adopted = running.indexes().filter(this::listsMeLive).boxed().findFirst()
                .flatMap(sections::section).map(HostSection::currentLiveset);
        if (adopted.isPresent()) {
            // a peer formed a liveset with me (under INIT its write of ACTIVE may lag): adopt it, as xhad does
            goOnline(adopted.get().intersect(hb).with(me), now, out);
            return;
        }
        if (pool == PoolState.ACTIVE && !running.isEmpty()) {
            // a liveset exists: join it through the manager, which has counted this host in
            goOnline(running.intersect(hb).with(me), now, out);
            return;
        }
        boolean allExcluded = everyone.indexes().allMatch(i -> i == me ? excluded : sections.excluded(i));
        StartCriteria.Decision d = criteria.decide(new StartCriteria.View(me, pool, hb, sf, !running.isEmpty(),
                excluded, allExcluded), Duration.ofNanos(elapsed));
        if (d instanceof StartCriteria.Fail f) {
            end(f.code(), true, f.reason(), out);
        } else if (d instanceof StartCriteria.Form f) {
            goOnline(f.members().intersect(hb).with(me), now, out);
        }
    }

    private void failIfTooLong(long elapsed, long limit, List<Action> out) {
        if (elapsed > limit) {
            end(ExitCode.BOOTJOIN_TIMEOUT, true, "not a member of a quorate partition after " + limit / 1_000_000_000L
                    + " s" + (poolState() == PoolState.INIT ? " (pool state INIT needs every host)" : "") + ": "
                    + lastView.detail(), out);
        }
    }

    private void goOnline(HostSet liveset, long now, List<Action> out) {
        membership.adopt(liveset);
        online(liveset, now, out);
        out.add(new Action.Log("members " + liveset + " (" + lastView.detail() + ")"));
        if (authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG) {
            out.add(new Action.PetWatchdog());
        }
    }

    // ---- what the sections say ----

    /** Host {@code i}'s section lists me live but no longer proposes me: it is holding me until I am fenced. */
    private boolean dropsMe(int i) {
        return listsMeLive(i) && sections.section(i).map(x -> !x.proposedLiveset().contains(me)).orElse(false);
    }

    /** Peers whose section shows a daemon of theirs Online now: written by that host, not starting, moving. */
    private HostSet runningPeers(long now) {
        HostSet running = HostSet.EMPTY;
        HostSet sf = sections.sfdomain(now);
        for (int i : sf.without(me).toArray()) {
            Optional<HostSection> s = sections.section(i);
            if (s.isPresent() && s.get().starting() == 0 && s.get().excluded() == 0
                    && s.get().hostUuidValue().equals(Optional.of(config.hosts().get(i).id()))) {
                running = running.with(i);
            }
        }
        return running;
    }

    /**
     * Live peers whose section says they are starting again: the run in my liveset is gone (§7.1 step 3). A peer
     * seen Online since I went Online, or starting for longer than T2 (longer than any formation takes).
     */
    private HostSet restartedPeers(long now) {
        HostSet restarted = HostSet.EMPTY;
        for (int i : current.without(me).toArray()) {
            if (!sections.saysStarting(i)) {
                startingSince[i] = -1;
                continue;
            }
            if (startingSince[i] < 0) {
                startingSince[i] = now;
            }
            boolean mayBeReset = authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG
                    || unlistedSinceRunning.contains(i);
            if (mayBeReset && (seenRunning.contains(i) || now - startingSince[i] > bigT2)) {
                restarted = restarted.with(i);
            }
        }
        return restarted;
    }

    // ---- what the core asks of this engine kind ----

    @Override
    public HostSet hbdomain(long now) {
        return membership.members();
    }

    @Override
    public HostSet sfdomain(long now) {
        return hasStatefile(now) ? sections.sfdomain(now) : HostSet.EMPTY;
    }

    @Override
    protected boolean statefileLost() {
        return phase == Phase.ONLINE && !access;
    }

    @Override
    protected HostSet withoutStatefile(long now) {
        return hasStatefile(now) ? HostSet.EMPTY : HostSet.of(me);
    }

    @Override
    protected long[] heardTimes() {
        return heard.clone();
    }

    @Override
    protected void describe(HostSectionBuilder own, long now) {
        // live hosts held for their fence window are not proposed: they leave once it ends (xhad's FH4 shows it so)
        own.proposedLiveset(current.intersect(complement(membership.held()))).hbdomain(hbdomain(now))
                .sfdomain(sfdomain(now))
                .smPhase(startingOr(SmPhase.STARTED));
        List<Integer> sinceHeard = SectionReads.ages(heard, heard.length, now);
        for (int i = 0; i < config.hostCount(); i++) {
            own.sinceLastHbReceipt(i, sinceHeard.get(i));
        }
    }

    /** Under MANAGER authority the manager is the one fencer: xapi's failure cannot fence this host. */
    @Override
    protected boolean fencesForXapi() {
        return authority.holder() == FencingAuthority.Holder.STACK_WATCHDOG;
    }

    @Override
    protected boolean engineAccelerating(long now) {
        return false;
    }

    /** The manager's last sample, for the daemon's status. */
    public MembershipView lastView() {
        return lastView;
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
