package org.xcp.clusterstack.xhad.core;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * A model of C xhad's fault handler ({@code xenserver/xha daemon/sm.c}, {@code fault_handler} and the functions
 * it calls), written apart from ours so that the simulator can run mixed pools: a C host's behaviour where it
 * differs from {@link FaultHandler}, and everything the other hosts see of it.
 *
 * <ul>
 *   <li>The rendezvous waits, with <b>no timeout</b>, until every liveset member in the heartbeat domain (and,
 *       for FH1DONE and FH2, every one in the statefile domain, on the statefile) reports exactly the phase or
 *       the next one; each {@code rendezvous(p1, p2, p3)} is two such waits, as in xhad.</li>
 *   <li>While a round runs ({@code join_block}) no host enters a domain again; winners trim the hosts they remove
 *       from both domains at FH3.</li>
 *   <li>FH1 waits until no host of a domain has been silent for more than 25 % of the timeout since before the
 *       wait began; FH2 waits for identical views over both channels for at most max(T1, T2), then merges.</li>
 *   <li>FH4 sleeps xhad's fixed time from FH3: max(max(Wh, Ws) − min(T1, T2) + max(t1, t2) − (FH4 − FH3)
 *       [+ min(T1, T2) when a removed host was still in a domain], 10 s).</li>
 * </ul>
 * The survival rule and the merge are the spec's (§7.3), shared with ours: this model is about how a C host
 * moves through the phases and how long it waits.
 */
final class CXhadFaultHandler implements FaultHandling {
    private static final long MS = 1_000_000L;

    private final int me;
    private final HostSet configured;
    private final Peers peers;
    private final long bigT1;
    private final long bigT2;
    private final long fh4Sleep;
    private final long minTimeout;

    private SmPhase phase = SmPhase.STARTED;
    private boolean waiting;
    private long waitBegan;
    private HostSet lastHb = HostSet.EMPTY;
    private HostSet lastSf = HostSet.EMPTY;
    private HostSet roundHb = HostSet.EMPTY;
    private HostSet roundSf = HostSet.EMPTY;
    private HostSet trimmed = HostSet.EMPTY;
    private HostSet proposed = HostSet.EMPTY;
    private boolean merged;
    private HostSet keep = HostSet.EMPTY;
    private HostSet stableHb = HostSet.EMPTY;
    private HostSet stableSf = HostSet.EMPTY;
    private HostSet stableWithout = HostSet.EMPTY;
    private boolean extend;
    private long p3Start;
    private long sleepUntil;
    private boolean degrading;

    CXhadFaultHandler(DaemonConfig config, Peers peers) {
        this.me = config.localHost().index();
        this.configured = HostSet.firstN(config.hostCount());
        this.peers = peers;
        DaemonParameters p = config.parameters();
        this.bigT1 = p.heartbeatTimeout().toNanos();
        this.bigT2 = p.statefileTimeout().toNanos();
        this.minTimeout = p.shortestTimeout().toNanos();
        // sm.c's FH4 sleep from FH3, before its extension and its 10 s floor
        this.fh4Sleep = p.longestWatchdogTimeout().minus(p.shortestTimeout()).plus(p.longestInterval()).toNanos();
    }

    @Override
    public SmPhase phase() {
        return phase;
    }

    @Override
    public boolean running() {
        return phase != SmPhase.STARTED || waiting;
    }

    @Override
    public boolean fenceRequest() {
        return phase == SmPhase.FH4 && !waiting && degrading;
    }

    @Override
    public Optional<HostSet> leaving() {
        return degrading ? Optional.of(trimmed) : Optional.empty();
    }

    @Override
    public boolean step(FaultHandler.Situation s, long now, List<FaultHandler.Effect> out) {
        SmPhase before = phase;
        if (!running()) {
            // start_fh: a host of the liveset left a domain it was in (statefile losses ignored in SR-2), or a
            // peer is in FHREADY; wait_fh_event then publishes FHREADY
            boolean degraded = false;
            for (int j : s.current().without(me).toArray()) {
                degraded |= lastHb.contains(j) && !s.hbdomain().contains(j);
                degraded |= !s.sr2() && lastSf.contains(j) && !s.sfdomain().contains(j);
                degraded |= peers.packet(j, now).map(p -> p.smPhase() == SmPhase.FHREADY.code()).orElse(false);
            }
            lastHb = s.hbdomain();
            lastSf = s.sfdomain();
            if (!degraded) {
                return false;
            }
            roundHb = s.hbdomain();
            roundSf = s.sfdomain();
            trimmed = HostSet.EMPTY;
            proposed = HostSet.EMPTY;
            merged = false;
            degrading = false;
            publish(SmPhase.FHREADY, now);
            out.add(new FaultHandler.Effect.Note("C model: fault handler started"));
        }
        // join_block: nobody enters a domain until the round ends
        roundHb = roundHb.intersect(s.hbdomain()).intersect(complement(trimmed));
        roundSf = roundSf.intersect(s.sfdomain()).intersect(complement(trimmed));
        for (int i = 0; i < 24 && running(); i++) {
            SmPhase at = phase;
            boolean w = waiting;
            move(s, now, out);
            if (at == phase && w == waiting) {
                break;
            }
        }
        return phase != before;
    }

    private void move(FaultHandler.Situation s, long now, List<FaultHandler.Effect> out) {
        if (waiting) {
            if (!allAt(s, now)) {
                return;
            }
            waiting = false;
            waitBegan = now;
            switch (phase) {
                case FHREADY -> publish(SmPhase.FH1, now);
                case FH1DONE -> publish(SmPhase.FH2, now);
                case FH2DONE -> publish(SmPhase.FH3, now);
                case FH3DONE -> publish(SmPhase.FH4, now);
                case FH4DONE -> publish(SmPhase.STARTED, now);
                case STARTED -> {
                    out.add(new FaultHandler.Effect.Note("C model: fault handler done"));
                }
                case FH3 -> p3Start = now;
                case FH4 -> {
                    sleepUntil = now + Math.max(fh4Sleep - (now - p3Start) + (extend ? minTimeout : 0), 10_000 * MS);
                }
                default -> {
                }
            }
            return;
        }
        switch (phase) {
            case FH1 -> {
                if (stable(now)) {
                    publish(SmPhase.FH1DONE, now);
                }
            }
            case FH2 -> consistentView(s, now, out);
            case FH3 -> survivalRule(s, now, out);
            case FH4 -> {
                if (degrading && now < sleepUntil) {
                    return;
                }
                if (degrading && s.armed()) {
                    HostSet after = s.current().intersect(complement(trimmed));
                    out.add(new FaultHandler.Effect.Shrunk(after, trimmed, trimmed.indexes()
                            .mapToObj(j -> JournalEvent.of(EventKind.HOST_DROPPED, "C model: host " + j
                                    + " left the liveset").with("host", j).with("liveset", after)).toList()));
                }
                degrading = false;
                proposed = HostSet.EMPTY;
                publish(SmPhase.FH4DONE, now);
            }
            default -> throw new IllegalStateException("C model working in phase " + phase);
        }
    }

    /** {@code rendezvous_wait(p, next)}: every member on each channel reports exactly p or next. */
    private boolean allAt(FaultHandler.Situation s, long now) {
        int p1 = phase.code();
        int p2 = next(phase).code();
        boolean onStatefile = phase == SmPhase.FH1DONE || phase == SmPhase.FH2;
        for (int j : s.current().without(me).toArray()) {
            if (roundHb.contains(j)) {
                int p = peers.packet(j, now).map(HeartbeatPacket::smPhase).orElse(-1);
                if (p != p1 && p != p2) {
                    return false;
                }
            }
            if (onStatefile && roundSf.contains(j)) {
                int p = peers.section(j).map(HostSection::smPhase).orElse(-1);
                if (p != p1 && p != p2) {
                    return false;
                }
            }
        }
        return true;
    }

    /** wait_until_HBSF_state_stable: nobody in a domain silent past 25 % of the timeout since before the wait. */
    private boolean stable(long now) {
        for (int j : roundHb.without(me).toArray()) {
            long last = peers.lastHeard(j);
            if (last >= 0 && now - last > bigT1 / 4 && last < waitBegan) {
                return false;
            }
        }
        for (int j : roundSf.without(me).toArray()) {
            long last = peers.lastStatefileChange(j);
            if (last >= 0 && now - last > bigT2 / 4 && last < waitBegan) {
                return false;
            }
        }
        return true;
    }

    /** wait_until_all_hosts_have_consistent_view, with its merge after max(T1, T2). */
    private void consistentView(FaultHandler.Situation s, long now, List<FaultHandler.Effect> out) {
        HostSet live = s.current();
        HostSet myHb = roundHb.intersect(live);
        HostSet mySf = roundSf.intersect(live);
        boolean consistent = true;
        for (int j : live.without(me).toArray()) {
            Optional<HeartbeatPacket> p = peers.packet(j, now);
            Optional<HostSection> x = peers.section(j);
            HostSet hbOnHb = p.map(HeartbeatPacket::hbdomain).orElse(HostSet.EMPTY).intersect(live);
            HostSet sfOnHb = p.map(HeartbeatPacket::sfdomain).orElse(HostSet.EMPTY).intersect(live);
            HostSet hbOnSf = x.map(HostSection::hbdomain).orElse(HostSet.EMPTY).intersect(live);
            HostSet sfOnSf = x.map(HostSection::sfdomain).orElse(HostSet.EMPTY).intersect(live);
            if (myHb.contains(j) && (!myHb.equals(hbOnHb) || !mySf.equals(sfOnHb))
                    || mySf.contains(j) && (!mySf.equals(sfOnSf) || !myHb.equals(hbOnSf))) {
                consistent = false;
            }
        }
        stableHb = roundHb;
        stableSf = roundSf;
        stableWithout = s.withoutStatefile();
        if (consistent) {
            publish(SmPhase.FH2DONE, now);
        } else if (now - waitBegan >= Math.max(bigT1, bigT2)) {
            merged = true;
            keep = ViewMerge.keep(live.intersect(roundHb.union(roundSf)).with(me), roundSf, i -> reported(i, now));
            out.add(new FaultHandler.Effect.Note("C model: no consistent view; merged to " + keep));
            publish(SmPhase.FH2DONE, now);
        }
    }

    /** test_Survival_Rule on the stable snapshot; winners (armed) trim the hosts they remove. */
    private void survivalRule(FaultHandler.Situation s, long now, List<FaultHandler.Effect> out) {
        HostSet hb = merged ? (keep.contains(me) ? stableHb.intersect(keep) : HostSet.EMPTY) : stableHb;
        SurvivalRule.Verdict verdict = SurvivalRule.decide(new SurvivalRule.Input(me, configured, s.current(), hb,
                stableSf, i -> merged && !keep.contains(i) && i != me ? Optional.of(new SurvivalRule.Domains(
                        HostSet.EMPTY, HostSet.EMPTY, 1)) : reported(i, now), stableWithout, s.excluded()));
        publish(SmPhase.FH3DONE, now);
        if (!verdict.survives()) {
            if (s.armed()) {
                out.add(new FaultHandler.Effect.SelfFence(JournalEvent.of(EventKind.SELF_FENCE,
                        "C model: survival rule not met").with("verdict", verdict.name())));
            }
            return;
        }
        if (verdict == SurvivalRule.Verdict.SR2) {
            out.add(new FaultHandler.Effect.SurvivingStatefileLoss());
        }
        boolean sr2 = s.sr2() || verdict == SurvivalRule.Verdict.SR2;
        HostSet hbd = hb.intersect(s.current());
        // last_hbdomain and last_sfdomain become the judged domains: a host leaving after FH3 starts the next round
        lastHb = hb;
        lastSf = stableSf;
        HostSet sfd = stableSf.intersect(s.current());
        extend = false;
        if (s.armed()) {
            HostSet gone = HostSet.EMPTY;
            for (int j : s.current().toArray()) {
                if (!hbd.contains(j) && j != me || !sr2 && !sfd.contains(j)) {
                    gone = gone.with(j);
                    extend |= roundHb.contains(j) || roundSf.contains(j);
                }
            }
            trimmed = gone;
            lastHb = lastHb.intersect(complement(gone));
            lastSf = lastSf.intersect(complement(gone));
            proposed = s.current().intersect(complement(gone));
            degrading = !gone.isEmpty();
            if (degrading) {
                out.add(new FaultHandler.Effect.Removing(proposed, gone));
            }
        }
    }

    private Optional<SurvivalRule.Domains> reported(int i, long now) {
        if (i == me) {
            return Optional.of(new SurvivalRule.Domains(stableHb, stableSf, 1));
        }
        Optional<SurvivalRule.Domains> onStatefile = stableSf.contains(i) ? peers.section(i)
                .map(x -> new SurvivalRule.Domains(x.hbdomain(), x.sfdomain(), Math.max(1, x.weight())))
                : Optional.empty();
        return onStatefile.or(() -> peers.packet(i, now).map(p -> new SurvivalRule.Domains(p.hbdomain(),
                p.sfdomain(), 1)));
    }

    private void publish(SmPhase p, long now) {
        phase = p;
        waiting = true;
        waitBegan = now;
    }

    private static SmPhase next(SmPhase p) {
        return p == SmPhase.STARTED ? SmPhase.FHREADY : p == SmPhase.FH4DONE ? SmPhase.STARTED
                : SmPhase.fromCode(p.code() + 1).orElseThrow();
    }

    private static HostSet complement(HostSet set) {
        return new HostSet(~set.bits());
    }
}
