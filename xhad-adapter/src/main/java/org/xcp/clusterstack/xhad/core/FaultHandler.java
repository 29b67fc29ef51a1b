package org.xcp.clusterstack.xhad.core;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * The fault handler of spec §7.3 for one member of the liveset: FH1 (stable views), FH2 (consistent views,
 * or a merge), FH3 (the survival rule), FH4 (the wait before the liveset shrinks).
 *
 * <p><b>The rendezvous interoperates with xhad's</b> ({@code daemon/sm.c}), so a pool of C and Java hosts handles
 * a fault together. Every phase is published and waited in, in xhad's order: FHREADY, FH1, [stable views],
 * FH1DONE, FH2, [consistent views], FH2DONE, FH3, [survival rule], FH3DONE, FH4, [the wait], FH4DONE and STARTED,
 * whose own wait ends the round. This host leaves a phase only once every member it reaches (on the heartbeat;
 * for FH1DONE and FH2 also on the statefile) has reached it, so it is never two phases ahead of anyone: a C host
 * waits, with no timeout, for exactly its phase or the next. A member further on does not hold it back. Hosts FH3
 * removes stop counting at once, as in xhad. See docs/contracts.md, "Failure handling".
 *
 * <p><b>FH2 merges early</b> once the members' views have stayed apart for max(t1, t2) with every member in FH2
 * and the network split (someone of the liveset missing from a heartbeat domain): a partition, not a change on
 * its way. xhad waits max(T1, T2), which keeps the loser of a partition writing the
 * statefile, and so the survivors waiting for its watchdogs, that much longer.
 *
 * <p><b>FH4 ends once every removed host is certainly fenced:</b> max(Wh, Ws) after its last sign of life (its last
 * heartbeat or statefile write as seen here, read again on every tick), never earlier than 10 s after FH4 began,
 * as xhad. xhad instead sleeps a fixed max(Wh, Ws) − min(T1, T2) + max(t1, t2) from FH3 (plus min(T1, T2) when a
 * removed host was still in a domain), which assumes the removed host went silent min(T1, T2) before FH3. A
 * removed host that still shows life a whole watchdog period after xhad's own deadline did not fence (it was
 * disarmed): it leaves then, as it would have left xhad's liveset, and the log says so.
 */
final class FaultHandler implements FaultHandling {
    private static final long MS = 1_000_000L;
    private static final long FH4_MINIMUM = 10_000 * MS;

    /** What the core must do after a step. */
    sealed interface Effect {
        /** Lost the survival rule (or was left out by a merge) while armed: the reason and its evidence. */
        record SelfFence(JournalEvent reason) implements Effect {
        }

        /** FH3 won: these hosts leave once FH4 has waited. */
        record Removing(HostSet proposed, HostSet leaving) implements Effect {
        }

        /** FH4 is over: the liveset is now {@code current}; {@code dropped} says why each host left. */
        record Shrunk(HostSet current, HostSet left, List<JournalEvent> dropped) implements Effect {
        }

        /** An entry for the journal: the verdict of FH3, the fence requests of FH4. */
        record Record(JournalEvent event) implements Effect {
        }

        /** The pool survives on the network alone (SR-2). */
        record SurvivingStatefileLoss() implements Effect {
        }

        record Note(String message) implements Effect {
        }
    }

    /** What the core knows at this tick. */
    record Situation(HostSet current, HostSet hbdomain, HostSet sfdomain, boolean armed, boolean access,
            boolean sr2, HostSet withoutStatefile, HostSet excluded) {
    }

    private final int me;
    private final HostSet configured;
    private final Peers peers;
    private final long bigT1;
    private final long bigT2;
    private final long maxInterval;
    private final long maxWatchdog;
    private final long minTimeout;
    /** Since when each member has been seen waiting in a round I am not in (-1: it is not). */
    private final long[] waitingSince = new long[HostSet.MAX_HOSTS];

    private SmPhase phase = SmPhase.STARTED;
    /** In the rendezvous of {@link #phase} (true), or doing its work (false); STARTED and not waiting: idle. */
    private boolean waiting;
    private long onlineSince = -1;
    private HostSet seenOnHeartbeat = HostSet.EMPTY;
    private HostSet seenOnStatefile = HostSet.EMPTY;
    private HostSet silentOnHeartbeat = HostSet.EMPTY;
    private HostSet silentOnStatefile = HostSet.EMPTY;
    private long phaseBegan;
    private long fh3Began;
    private boolean merged;
    private HostSet keep = HostSet.EMPTY;
    /** My domains and who had no statefile when FH2 ended: FH3 judges the view the members agreed on. */
    private HostSet agreedHb = HostSet.EMPTY;
    private HostSet agreedSf = HostSet.EMPTY;
    private HostSet agreedWithout = HostSet.EMPTY;
    private Optional<HostSet> leaving = Optional.empty();
    private long fh4Began;
    /** When xhad would end this FH4 (for the journal and the comparison), once FH3 removed someone. */
    private long xhadFh4End;
    private boolean overXhadNoted;
    /** FH3's verdict and its inputs, kept for the journal's record of each host FH4 removes. */
    private JournalEvent verdictRecord = JournalEvent.of(EventKind.SURVIVAL_RULE, "");
    /** FH2: what the members reported when I last looked, and since when. */
    private List<Long> lastViews = List.of();
    private long viewsSince;

    FaultHandler(DaemonConfig config, Peers peers) {
        this.me = config.localHost().index();
        this.configured = HostSet.firstN(config.hostCount());
        this.peers = peers;
        DaemonParameters p = config.parameters();
        this.bigT1 = p.heartbeatTimeout().toNanos();
        this.bigT2 = p.statefileTimeout().toNanos();
        this.maxInterval = p.longestInterval().toNanos();
        this.maxWatchdog = p.longestWatchdogTimeout().toNanos();
        this.minTimeout = p.shortestTimeout().toNanos();
        java.util.Arrays.fill(waitingSince, -1);
    }

    @Override
    public SmPhase phase() {
        return phase;
    }

    @Override
    public boolean running() {
        return phase != SmPhase.STARTED || waiting;
    }

    /** FH4 (past its rendezvous) with hosts to remove: heartbeats carry {@code fence_request} (spec §7.5). */
    @Override
    public boolean fenceRequest() {
        return phase == SmPhase.FH4 && !waiting && leaving.isPresent();
    }

    /** The hosts being removed while FH4 waits; the core publishes a proposed liveset without them. */
    @Override
    public Optional<HostSet> leaving() {
        return leaving;
    }

    /**
     * Whether a failure I see, or a peer's FHREADY, starts the handler (spec §7.2): a member <em>leaves</em> a
     * domain it was in since I went Online. One I have not yet seen there (a liveset formed before my first
     * reads showed everyone's sequence move) counts as gone only once it stays unseen for max(T1, T2).
     */
    boolean triggered(Situation s, long now) {
        if (onlineSince < 0) {
            onlineSince = now;
        }
        seenOnHeartbeat = seenOnHeartbeat.union(s.hbdomain());
        seenOnStatefile = seenOnStatefile.union(s.sfdomain());
        boolean settled = now - onlineSince > Math.max(bigT1, bigT2);
        for (int j : s.current().toArray()) {
            if (j == me) {
                continue;
            }
            boolean leftHb = !s.hbdomain().contains(j) && (settled || seenOnHeartbeat.contains(j));
            boolean leftSf = !s.sfdomain().contains(j) && (settled || seenOnStatefile.contains(j));
            if (leftHb || !s.sr2() && leftSf) {
                return true;
            }
            if (peers.packet(j, now).map(p -> p.smPhase() == SmPhase.FHREADY.code()).orElse(false)) {
                return true;
            }
        }
        return waitedForByARound(s, now);
    }

    /**
     * A member already in a round that counts me (I am in its liveset and in the domain it publishes) and waits
     * before its decision (FH1, FH1DONE or FH2) for 2 × max(t1, t2) while I have none: it noticed a failure I did
     * not, and its FHREADY never reached me (a partition that healed before my timeout). C xhad would wait for
     * me forever; I start mine and catch up, since my rendezvous lets me pass members further on. The delay
     * keeps a phase read just before a round ended, still in a section, from starting another.
     */
    private boolean waitedForByARound(Situation s, long now) {
        boolean waited = false;
        for (int j : s.current().without(me).toArray()) {
            Optional<HeartbeatPacket> p = s.hbdomain().contains(j) ? peers.packet(j, now) : Optional.empty();
            Optional<HostSection> x = p.isEmpty() && s.sfdomain().contains(j) ? peers.section(j) : Optional.empty();
            int code = p.map(HeartbeatPacket::smPhase).or(() -> x.map(HostSection::smPhase)).orElse(-1);
            boolean countsMe = p.map(q -> q.currentLiveset().contains(me) && q.hbdomain().union(q.sfdomain())
                    .contains(me)).orElse(false) || x.map(q -> q.currentLiveset().contains(me)
                            && q.hbdomain().union(q.sfdomain()).contains(me)).orElse(false);
            boolean beforeDecision = code == SmPhase.FH1.code() || code == SmPhase.FH1DONE.code()
                    || code == SmPhase.FH2.code();
            if (beforeDecision && countsMe) {
                waitingSince[j] = waitingSince[j] < 0 ? now : waitingSince[j];
                waited |= now - waitingSince[j] >= 2 * maxInterval;
            } else {
                waitingSince[j] = -1;
            }
        }
        return waited;
    }

    /** One tick of the handler; returns true when the phase changed (the core sends a heartbeat at once). */
    @Override
    public boolean step(Situation s, long now, List<Effect> out) {
        SmPhase before = phase;
        if (!running()) {
            if (triggered(s, now)) {
                begin(s, now, out);
            } else {
                return false;
            }
        }
        // a member alone on a channel passes its rendezvous at once: go on while the phases do
        for (int i = 0; i < 2 * SmPhase.values().length && running(); i++) {
            SmPhase at = phase;
            boolean wasWaiting = waiting;
            advance(s, now, out);
            if (phase == at && waiting == wasWaiting || phase == SmPhase.STARTED && !waiting) {
                break;
            }
        }
        return phase != before;
    }

    /** One move: pass the rendezvous of the current phase, or do its work. */
    private void advance(Situation s, long now, List<Effect> out) {
        if (waiting) {
            if (!rendezvous(s, now)) {
                return;
            }
            waiting = false;
            phaseBegan = now;
            switch (phase) {
                case FHREADY, FH1DONE, FH2DONE, FH3DONE, FH4DONE -> await(PhaseOrder.next(phase), now);
                case STARTED -> out.add(new Effect.Note("fault handler done"));
                case FH3 -> fh3Began = now;
                case FH4 -> fh4Began = now;
                default -> {
                }
            }
            return;
        }
        switch (phase) {
            case FH1 -> {
                if (stable(s, now)) {
                    await(SmPhase.FH1DONE, now); // weights are committed as 1: every host weighs the same
                }
            }
            case FH2 -> consistency(s, now, out);
            case FH3 -> survival(s, now, out);
            case FH4 -> shrink(s, now, out);
            default -> throw new IllegalStateException("fault handler working in phase " + phase);
        }
    }

    /** FH4: once every removed host is certainly fenced, the liveset shrinks (see the class comment). */
    private void shrink(Situation s, long now, List<Effect> out) {
        if (leaving.isPresent()) {
            HostSet gone = leaving.get();
            long floor = gone.indexes().mapToLong(this::lastSignOfLife).max().orElse(now) + maxWatchdog;
            long end = Math.max(fh4Began + FH4_MINIMUM, Math.min(floor, xhadFh4End + maxWatchdog));
            if (now >= xhadFh4End && floor > now && !overXhadNoted) {
                overXhadNoted = true;
                out.add(new Effect.Note("FH4: hosts " + gone + " still show life at xhad's deadline: waiting for"
                        + " their watchdogs (" + seconds(floor - now) + " more)"));
            }
            if (now < end) {
                return;
            }
            HostSet after = s.current().intersect(complement(gone));
            out.add(new Effect.Shrunk(after, gone, gone.indexes().mapToObj(j -> dropped(j, after, now)).toList()));
            leaving = Optional.empty();
        }
        await(SmPhase.FH4DONE, now);
    }

    private void begin(Situation s, long now, List<Effect> out) {
        silentOnHeartbeat = silentFor(s.current(), bigT1 / 4, now, true);
        silentOnStatefile = silentFor(s.current(), bigT2 / 4, now, false);
        merged = false;
        keep = HostSet.EMPTY;
        leaving = Optional.empty();
        overXhadNoted = false;
        lastViews = List.of(); // FH2's settling counts from views seen in this round only
        await(SmPhase.FHREADY, now);
        java.util.Arrays.fill(waitingSince, -1);
        out.add(new Effect.Note("fault handler started: liveset " + s.current() + ", hbdomain " + s.hbdomain()
                + ", sfdomain " + s.sfdomain()));
    }

    /** FH1: nobody who was talking when the handler began has gone quiet for more than a quarter timeout. */
    private boolean stable(Situation s, long now) {
        HostSet quietHb = silentFor(s.current().intersect(s.hbdomain()), bigT1 / 4, now, true);
        HostSet quietSf = silentFor(s.current().intersect(s.sfdomain()), bigT2 / 4, now, false);
        return quietHb.intersect(complement(silentOnHeartbeat)).isEmpty()
                && (s.sr2() || quietSf.intersect(complement(silentOnStatefile)).isEmpty());
    }

    /** FH2: wait, at most max(T1, T2), until every member reports my domains on both channels; else merge. */
    private void consistency(Situation s, long now, List<Effect> out) {
        HostSet members = members(s, now);
        HostSet myHb = s.hbdomain().intersect(s.current());
        HostSet mySf = s.sfdomain().intersect(s.current());
        boolean agreed = members.indexes().filter(j -> j != me).allMatch(j -> {
            Optional<HeartbeatPacket> p = peers.packet(j, now);
            if (p.isPresent() && !(p.get().hbdomain().intersect(s.current()).equals(myHb)
                    && p.get().sfdomain().intersect(s.current()).equals(mySf))) {
                return false;
            }
            Optional<HostSection> sec = s.sfdomain().contains(j) ? peers.section(j) : Optional.empty();
            return sec.isEmpty() || sec.get().hbdomain().intersect(s.current()).equals(myHb)
                    && sec.get().sfdomain().intersect(s.current()).equals(mySf);
        });
        if (agreed) {
            out.add(new Effect.Note("FH2: members " + members + " agree: hbdomain " + myHb + ", sfdomain " + mySf));
            settle(s);
            await(SmPhase.FH2DONE, now);
            return;
        }
        // merge only on settled views: a member going quiet now would be kept by hosts merging before it drops
        // out and removed by those merging after (the simulator found it, seed 7324)
        List<Long> views = views(s, members, now);
        if (!views.equals(lastViews)) {
            lastViews = views;
            viewsSince = now;
        }
        boolean settledApart = now - viewsSince >= maxInterval && allInFh2(s, members, now)
                && heartbeatSplit(s, members, now);
        if ((now - phaseBegan >= Math.max(bigT1, bigT2) || settledApart) && stable(s, now)) {
            settle(s);
            merged = true;
            keep = ViewMerge.keep(members.with(me), s.sfdomain(), i -> reported(i, now));
            out.add(new Effect.Note("FH2: members never agreed on their domains; merged to " + keep));
            await(SmPhase.FH2DONE, now);
        }
    }

    /**
     * Every domain the members report and mine, on both channels: FH2 merges early once they have not changed
     * for max(t1, t2) while every member is in FH2 (see {@link #allInFh2}).
     */
    private List<Long> views(Situation s, HostSet members, long now) {
        List<Long> v = new java.util.ArrayList<>();
        v.add(s.hbdomain().intersect(s.current()).bits());
        v.add(s.sfdomain().intersect(s.current()).bits());
        for (int j : members.without(me).toArray()) {
            Optional<HeartbeatPacket> p = peers.packet(j, now);
            Optional<HostSection> x = s.sfdomain().contains(j) ? peers.section(j) : Optional.empty();
            v.add(p.map(q -> q.hbdomain().bits()).orElse(-1L));
            v.add(p.map(q -> q.sfdomain().bits()).orElse(-1L));
            v.add(x.map(q -> q.hbdomain().bits()).orElse(-1L));
            v.add(x.map(q -> q.sfdomain().bits()).orElse(-1L));
        }
        return v;
    }

    /**
     * Every member reports FH2 (or is past it) on each channel I reach it by: each has passed FH1, so no host of
     * its domains was about to time out, and what it reports is the view it judges by. When those views have
     * stayed apart for a whole interval they are a partition, not a change on its way, and waiting for
     * max(T1, T2) as xhad does only keeps the loser alive (and the survivors waiting for its watchdogs) longer.
     */
    private boolean allInFh2(Situation s, HostSet members, long now) {
        return members.indexes().filter(j -> j != me).allMatch(j -> {
            boolean hbOk = !s.hbdomain().contains(j) || peers.packet(j, now).map(p -> p.smPhase() == SmPhase.FH2
                    .code() || p.smPhase() == SmPhase.FH2DONE.code()).orElse(false);
            boolean sfOk = !s.sfdomain().contains(j) || peers.section(j).map(x -> x.smPhase() == SmPhase.FH2.code()
                    || x.smPhase() == SmPhase.FH2DONE.code()).orElse(false);
            return hbOk && sfOk;
        });
    }

    /**
     * Someone of the liveset is missing from my hbdomain, or from the hbdomain a member reports: the network is
     * split. Only then do views that stay apart mean a partition; with every host hearing every other, they
     * differ on the statefile, and that converges (the whole pool losing the statefile one host after another
     * looked settled for an interval under load, and a host that merged then lost what SR-2 would have saved).
     */
    private boolean heartbeatSplit(Situation s, HostSet members, long now) {
        HostSet live = s.current();
        if (!live.intersect(s.hbdomain()).equals(live)) {
            return true;
        }
        return members.indexes().filter(j -> j != me).anyMatch(j -> peers.packet(j, now)
                .map(p -> !live.intersect(p.hbdomain()).equals(live)).orElse(false)
                || peers.section(j).filter(x -> s.sfdomain().contains(j))
                        .map(x -> !live.intersect(x.hbdomain()).equals(live)).orElse(false));
    }

    private void settle(Situation s) {
        agreedHb = s.hbdomain();
        agreedSf = s.sfdomain();
        agreedWithout = s.withoutStatefile();
    }

    /**
     * FH3: the survival rule on the view FH2 settled (not on a fresher one: two hosts judging different
     * moments of a changing pool both survived in the simulator, seed 2465), then, for winners that are armed,
     * the hosts to remove.
     */
    private void survival(Situation s, long now, List<Effect> out) {
        HostSet hb = agreedHb;
        HostSet sf = agreedSf;
        SurvivalRule.Verdict verdict = merged ? afterMerge(s)
                : SurvivalRule.decide(new SurvivalRule.Input(me, configured, s.current(), hb, sf,
                        i -> reported(i, now), agreedWithout, s.excluded()));
        await(SmPhase.FH3DONE, now);
        verdictRecord = verdictRecord(verdict, s, hb, sf, now);
        if (!verdict.survives()) {
            String why = "lost the survival rule: liveset " + s.current() + ", hbdomain " + hb + ", sfdomain " + sf
                    + (merged ? ", merged to " + keep : "");
            out.add(s.armed() ? new Effect.SelfFence(new JournalEvent(EventKind.SELF_FENCE, "this host lost the"
                    + " survival rule: " + verdict.meaning(), verdictRecord.evidence()))
                    : new Effect.Note(why + " (fencing disarmed: staying)"));
            if (!s.armed()) {
                out.add(new Effect.Record(verdictRecord));
            }
            return;
        }
        out.add(new Effect.Record(verdictRecord));
        if (verdict == SurvivalRule.Verdict.SR2) {
            out.add(new Effect.SurvivingStatefileLoss());
        }
        boolean sr2 = s.sr2() || verdict == SurvivalRule.Verdict.SR2;
        HostSet stays = merged ? s.current().intersect(keep)
                : s.current().intersect(hb).intersect(sr2 ? configured : sf).with(me);
        HostSet gone = s.current().intersect(complement(stays));
        out.add(new Effect.Note("FH3: survives by " + verdict + (merged ? " after the merge" : "") + " (hbdomain "
                + hb + ", sfdomain " + sf + ")"
                + (gone.isEmpty() ? "; nobody leaves" : "; leaving: " + gone
                        + (s.armed() ? "" : " (fencing disarmed: nobody is removed)"))));
        if (!gone.isEmpty() && s.armed()) {
            leaving = Optional.of(gone);
            // xhad's FH4 sleep, from FH3 (its fh_sleep_extend: a removed host was still in a domain I judged by)
            HostSet judged = (merged ? hb.intersect(keep) : hb).union(sf);
            xhadFh4End = fh3Began + maxWatchdog - minTimeout + maxInterval
                    + (gone.intersect(judged).isEmpty() ? 0 : minTimeout);
            long floor = gone.indexes().mapToLong(this::lastSignOfLife).max().orElse(now) + maxWatchdog;
            out.add(new Effect.Removing(stays, gone));
            out.add(new Effect.Record(JournalEvent.of(EventKind.FENCE_REQUESTED, "fence_request set for hosts "
                    + JournalEvent.hosts(gone) + "; they leave the liveset once their watchdogs have surely fired,"
                    + " at the earliest in " + seconds(Math.max(floor - now, FH4_MINIMUM))).with("hosts", gone)
                    .with("stays", stays).with("leave_in_ms", Math.max(floor - now, FH4_MINIMUM) / MS)
                    .with("xhad_leaves_in_ms", Math.max(xhadFh4End - now, FH4_MINIMUM) / MS)));
        }
    }

    /**
     * After an FH2 merge the merged group is the verdict, for every member alike: inside it I survive (by
     * SR-2 if nobody in it has the statefile, which then also needs everyone outside it excluded), outside
     * it I lose. Judging again by my own domains could keep a host the others remove, and a host they remove
     * without its knowing may never be fenced (the simulator found it with a one-way link, seed 3175).
     */
    private SurvivalRule.Verdict afterMerge(Situation s) {
        if (!keep.contains(me)) {
            return SurvivalRule.Verdict.LOSE;
        }
        if (!keep.intersect(complement(agreedWithout)).isEmpty()) {
            return SurvivalRule.Verdict.SR1;
        }
        boolean othersLeftOnPurpose = configured.indexes().filter(i -> !keep.contains(i))
                .allMatch(s.excluded()::contains);
        return othersLeftOnPurpose ? SurvivalRule.Verdict.SR2 : SurvivalRule.Verdict.LOSE;
    }

    /** The journal's record of FH3: the rule, its inputs, the verdict. */
    private JournalEvent verdictRecord(SurvivalRule.Verdict verdict, Situation s, HostSet hb, HostSet sf, long now) {
        JournalEvent e = JournalEvent.of(EventKind.SURVIVAL_RULE, verdict.survives()
                ? "this host's side survives: " + verdict.meaning() : "this host's side loses: " + verdict.meaning())
                .with("verdict", verdict.name()).with("survives", verdict.survives())
                .with("liveset", s.current()).with("hbdomain", hb.intersect(s.current()))
                .with("sfdomain", sf.intersect(s.current())).with("without_statefile", agreedWithout)
                .with("excluded", s.excluded()).with("statefile_access", s.access()).with("armed", s.armed());
        if (merged) {
            e = e.with("merged_to", keep);
        }
        Map<String, Object> reports = new LinkedHashMap<>();
        for (int j : s.current().toArray()) {
            Optional<SurvivalRule.Domains> d = reported(j, now);
            if (d.isPresent()) {
                reports.put(Integer.toString(j), Map.of("hbdomain", JournalEvent.hosts(d.get().hbdomain()),
                        "sfdomain", JournalEvent.hosts(d.get().sfdomain())));
            }
        }
        return e.with("reported", reports);
    }

    /** The journal's record of host {@code j} leaving: FH3's verdict, and when it was last heard and seen. */
    private JournalEvent dropped(int j, HostSet after, long now) {
        long heard = peers.lastHeard(j);
        long wrote = peers.lastStatefileChange(j);
        String silence = (heard < 0 ? "never heard" : "no heartbeat for " + seconds(now - heard))
                + (wrote < 0 ? ", no statefile write seen" : ", no statefile write for " + seconds(now - wrote));
        return JournalEvent.of(EventKind.HOST_DROPPED, "host " + j + " left the liveset: " + silence + "; this side "
                + verdictRecord.evidence().getOrDefault("verdict", "?") + " survived without it, and its watchdog has"
                + " surely fired").with("host", j).with("liveset", after)
                .with("no_heartbeat_ms", heard < 0 ? -1 : (now - heard) / MS)
                .with("no_statefile_write_ms", wrote < 0 ? -1 : (now - wrote) / MS)
                .with("waited_after_fh3_ms", (now - fh3Began) / MS)
                .with("survival_rule", verdictRecord.evidence());
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /**
     * When host {@code j} last showed it was alive: its last heartbeat or statefile write, whichever is later,
     * read again on every tick. A section written by a new run of it (starting) is not the run we remove.
     */
    private long lastSignOfLife(int j) {
        long heard = Math.max(peers.lastHeard(j), 0);
        if (peers.section(j).map(x -> x.starting() != 0).orElse(false)) {
            return heard;
        }
        return Math.max(heard, peers.lastStatefileChange(j));
    }

    /**
     * The rendezvous of my phase p: every other member of the liveset I reach (less the hosts FH3 removes) is
     * at p or beyond it in this round, on the heartbeat, and before and during FH2 also on the statefile. Since
     * I never leave p before every member has reached it, I am never more than one phase ahead of anyone, which
     * is all a C host's rendezvous asks (it waits for exactly its phase or the next); a member already further
     * on does not hold me back, so a member that saw the fault first, or whose FHREADY I missed, cannot wedge me.
     */
    private boolean rendezvous(Situation s, long now) {
        HostSet members = (PhaseOrder.alsoOnStatefile(phase) ? members(s, now) : s.current().intersect(s.hbdomain()))
                .intersect(complement(leaving.orElse(HostSet.EMPTY))).without(me);
        return members.indexes().allMatch(j -> {
            if (s.hbdomain().contains(j)) { // its heartbeat is the fresher word
                return peers.packet(j, now).map(p -> PhaseOrder.reached(p.smPhase(), phase)).orElse(false);
            }
            return peers.section(j).map(x -> PhaseOrder.reachedOnStatefile(x.smPhase(), phase)).orElse(false);
        });
    }

    /** The liveset members I reach on either channel. */
    private HostSet members(Situation s, long now) {
        return s.current().intersect(s.hbdomain().union(s.sfdomain())).with(me);
    }

    /** What host {@code i} reported of its domains (me: the settled view), for the merge and the rule. */
    private Optional<SurvivalRule.Domains> reported(int i, long now) {
        if (i == me) {
            return Optional.of(new SurvivalRule.Domains(agreedHb, agreedSf, 1));
        }
        Optional<SurvivalRule.Domains> onStatefile = agreedSf.contains(i) ? peers.section(i)
                .map(x -> new SurvivalRule.Domains(x.hbdomain(), x.sfdomain(), Math.max(1, x.weight())))
                : Optional.empty();
        return onStatefile.or(() -> peers.packet(i, now)
                .map(p -> new SurvivalRule.Domains(p.hbdomain(), p.sfdomain(), 1)));
    }

    private HostSet silentFor(HostSet hosts, long longerThan, long now, boolean heartbeat) {
        HostSet quiet = HostSet.EMPTY;
        for (int j : hosts.toArray()) {
            long last = heartbeat ? peers.lastHeard(j) : peers.lastStatefileChange(j);
            if (j != me && (last < 0 || now - last > longerThan)) {
                quiet = quiet.with(j);
            }
        }
        return quiet;
    }

    /** Publish {@code next} and wait in its rendezvous. */
    private void await(SmPhase next, long now) {
        phase = next;
        waiting = true;
        phaseBegan = now;
    }

    private static HostSet complement(HostSet set) {
        return new HostSet(~set.bits());
    }
}
