package org.xcp.clusterstack.xhad.core;

import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.HostSectionBuilder;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.MemberCore;
import org.xcp.clusterstack.common.core.StartCriteria;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * The native engine's membership evidence over the shared {@link MemberCore}: heartbeats (spec §6), the join
 * handshake of §7.1, failure detection, the fault handler and its survival rules (§7.2–§7.5, in
 * {@link FaultHandler}), {@code fence_request} and SR-2. The statefile side, the pool states, the excluded flag,
 * the master lock and the liveset view are the core's, the same as for every other stack.
 *
 * <p>While armed, this host asks to be fenced ({@link Action.SelfFence}) when it loses, and stops petting its
 * watchdog when its statefile cycle has been stuck for longer than Ws − Wh: one watchdog of timeout Wh then
 * stands in for xhad's two (heartbeat Wh, statefile Ws).
 */
public final class XhadCore extends MemberCore {
    /** Heartbeats sent on consecutive ticks when what a host publishes changes (spec §6.1: bursts of 3). */
    private static final int BURST = 3;

    /** Unicast this packet to every other configured host. */
    public record SendHeartbeat(HeartbeatPacket packet) implements Action {
    }

    /** What my heartbeats say that others act on; a change is sent at once rather than after t1. */
    private record Published(HostSet current, HostSet proposed, SmPhase phase, boolean fenceRequest, boolean sr2,
            boolean joining, boolean statefileAccess, boolean accelerate) {
    }

    private final Peers peers;
    private final FaultHandling handler;
    private HostSet proposed = HostSet.EMPTY;
    private Optional<HostSet> forming = Optional.empty();
    private boolean noticedGone;
    private int heartbeatSequence;
    private long nextHeartbeat;
    private long fenceRequestsIgnored;
    private long lastHeartbeatSent = -1;
    private boolean sr2;
    private Published lastPublished;
    private int burst;

    /**
     * @param global the global section as validated at start (generation, version, pool state usable)
     * @param excluded this host's excluded flag as found in its own section
     */
    public XhadCore(DaemonConfig config, GlobalSection global, boolean excluded, long now) {
        this(config, global, excluded, now, FaultHandler::new);
    }

    /** With another fault handler: the simulator's model of C xhad's, for mixed pools. */
    XhadCore(DaemonConfig config, GlobalSection global, boolean excluded, long now,
            java.util.function.BiFunction<DaemonConfig, Peers, FaultHandling> faultHandler) {
        super(config, global, excluded, now);
        this.peers = new Peers(config.hostCount(), me, bigT1, sections);
        this.handler = faultHandler.apply(config, peers);
        this.nextHeartbeat = now;
    }

    // ---- inputs ----

    @Override
    protected void step(long now, List<Action> out) {
        Published published = published(now);
        if (!published.equals(lastPublished)) {
            lastPublished = published;
            burst = BURST; // §6.1: what I publish changed, tell everyone now, a few times against loss
        }
        if (now >= nextHeartbeat || burst > 0) {
            burst = Math.max(0, burst - 1);
            peers.heardMyself(now);
            if (lastHeartbeatSent >= 0) {
                heartbeatInterval(now - lastHeartbeatSent);
            }
            lastHeartbeatSent = now;
            out.add(new SendHeartbeat(heartbeat(now)));
            pet(now, sr2, out);
            // every t1; every 400 ms while the fault handler's rendezvous runs
            nextHeartbeat = now + (handler.running() ? ACCELERATED_CYCLE : t1);
        }
        if (phase == Phase.STARTING) {
            start(now, out);
        } else if (phase == Phase.ONLINE) {
            member(now, out);
        }
    }

    public List<Action> onHeartbeat(HeartbeatPacket p, long now) {
        int sender = p.hostIndex();
        if (done() || sender == me) {
            return List.of();
        }
        // §6.3 step 3: a sender booting again while I still hold it live is ignored until it is removed
        if (current.contains(sender) && !p.currentLiveset().contains(sender)) {
            return List.of();
        }
        // §6.3 step 4 / §7.5: a winner shrinking its liveset without me tells me to go. Only a host of my own view
        // (in my liveset, and heard within T1) may: C xhad never sends it otherwise (docs/heartbeat-auth.md)
        boolean toFenceMe = p.fenceRequest() && p.currentLiveset().contains(sender) && !p.proposedLiveset().contains(me)
                && phase == Phase.ONLINE;
        if (toFenceMe && !(current.contains(sender) && peers.hbdomain(now).contains(sender))) {
            fenceRequestsIgnored++;
        } else if (toFenceMe) {
            List<Action> out = new ArrayList<>();
            selfFence(JournalEvent.of(EventKind.SELF_FENCE, "host " + sender + " asked to fence this host"
                    + " (fence_request): its side survived the fault without this one, and its proposed liveset "
                    + JournalEvent.hosts(p.proposedLiveset()) + " leaves this host out").with("fence_request_from", sender)
                    .with("their_liveset", p.currentLiveset()).with("their_proposed_liveset", p.proposedLiveset())
                    .with("their_hbdomain", p.hbdomain()).with("their_sfdomain", p.sfdomain())
                    .with("my_hbdomain", hbdomain(now)).with("my_sfdomain", sfdomain(now)), out);
            if (phase == Phase.FENCED) {
                return out;
            }
        }
        peers.heard(p, now);
        if (p.sr2() && phase == Phase.ONLINE && current.contains(sender) && !sr2) {
            sr2 = true; // §6.3 step 5: the SR-2 flag spreads over the heartbeat
        }
        if (p.sfAccelerate()) {
            acceleratedByPeer(now);
        }
        return List.of();
    }

    // ---- start and join (spec §7.1) ----

    private void start(long now, List<Action> out) {
        long elapsed = now - startNanos;
        HostSet hb = peers.hbdomain(now);
        HostSet sf = peers.sfdomain(now);
        PoolState pool = poolState();
        long limit = startLimit();
        // step 3: until every peer has noticed that I was gone (a host that restarts fast), on either channel
        if (!noticedGone) {
            boolean listedOnNetwork = hb.indexes().filter(i -> i != me).anyMatch(i -> peers.packet(i, now)
                    .map(p -> p.currentLiveset().contains(me)).orElse(false));
            boolean listedOnStatefile = sf.indexes().filter(i -> i != me).anyMatch(this::listsMeLive);
            if (listedOnNetwork || listedOnStatefile) {
                if (elapsed > limit) {
                    end(ExitCode.BOOTJOIN_TIMEOUT, true, stillListed(now), out);
                }
                return;
            }
            // step 2: listen until every host is heard on both channels, at most T1 + T2 and never past the
            // join limit (these waits never fail by themselves)
            noticedGone = hb.intersect(everyone).equals(everyone) && sf.intersect(everyone).equals(everyone)
                    || elapsed >= Math.min(bigT1 + bigT2, limit);
            if (!noticedGone) {
                return;
            }
        }
        Optional<HostSet> existing = existingLiveset(now);
        if (existing.isPresent() && existing.get().contains(me) && !proposed.contains(me)) {
            // I never asked: the members still count my previous run, seen late (a slow statefile hid it from
            // step 3; the simulator found such a host going Online with a liveset being shrunk, seed 21354)
            if (elapsed > limit) {
                end(ExitCode.BOOTJOIN_TIMEOUT, true, stillListed(now), out);
            }
            return;
        }
        if (existing.isPresent() && existing.get().contains(me)) {
            // the live members counted me in after I asked: adopt their liveset (under INIT a peer formed it
            // first and its write of ACTIVE may lag: going Online writes it too)
            goOnline(existing.get(), now, out);
            return;
        }
        if (existing.isPresent()) {
            if (pool == PoolState.INIT) {
                end(ExitCode.INVALID_POOL_STATE, true, "pool state INIT but a liveset exists", out);
                return;
            }
            joinExisting(existing.get(), elapsed, now, out);
            return;
        }
        if (forming.isEmpty()) {
            boolean allExcluded = everyone.indexes().allMatch(i -> i == me ? excluded
                    : sections.excluded(i));
            StartCriteria.Decision d = criteria.decide(
                    new StartCriteria.View(me, pool, hb, sf, false, excluded, allExcluded), java.time.Duration.ofNanos(elapsed));
            if (d instanceof StartCriteria.Fail f) {
                end(f.code(), true, f.reason(), out);
                return;
            }
            if (d instanceof StartCriteria.Form f) {
                forming = Optional.of(f.members());
                proposed = f.members();
                out.add(new Action.Log("proposing liveset " + f.members()));
            }
            return;
        }
        HostSet members = forming.get();
        boolean agreed = members.indexes().filter(i -> i != me).allMatch(i -> peers.packet(i, now)
                .map(p -> p.proposedLiveset().equals(members)).orElse(false));
        if (agreed) {
            goOnline(members, now, out); // the first liveset makes INIT ACTIVE
        } else if (elapsed > limit + 3 * Math.max(t1, t2)) {
            HostSet disagree = members.without(me).filter(i -> !peers.packet(i, now)
                    .map(p -> p.proposedLiveset().equals(members)).orElse(false));
            end(ExitCode.BOOTJOIN_TIMEOUT, true, "hosts " + named(disagree) + " did not propose the liveset of "
                    + named(members) + " in time; " + heardAndSeen(now), out);
        }
    }

    /** The liveset of the lowest-index running host I can see, if any host runs (§7.1 "a liveset exists"). */
    private Optional<HostSet> existingLiveset(long now) {
        for (int i : everyone.toArray()) {
            if (i == me) {
                continue;
            }
            Optional<HeartbeatPacket> p = peers.packet(i, now);
            if (p.isPresent() && p.get().smPhase() != SmPhase.STARTING.code() && p.get().currentLiveset().contains(i)) {
                return Optional.of(p.get().currentLiveset());
            }
            Optional<HostSection> s = peers.section(i);
            if (peers.sfdomain(now).contains(i) && s.isPresent() && s.get().starting() == 0
                    && s.get().currentLiveset().contains(i)) {
                return Optional.of(s.get().currentLiveset());
            }
        }
        return Optional.empty();
    }

    /**
     * Step 6: propose myself to the live members and wait until they count me in; the next look at the
     * existing liveset then finds me in it and adopts it. Going Online as soon as the members merely
     * propose me is not enough: another joiner accepted meanwhile would be missing from my liveset and I
     * from its (the simulator found two hosts restarting together ending in disjoint livesets).
     */
    private void joinExisting(HostSet live, long elapsed, long now, List<Action> out) {
        proposed = live.with(me);
        long limit = config.parameters().bootJoinTimeout().toNanos();
        if (elapsed > limit) {
            HostSet others = live.without(me);
            HostSet notProposing = others.filter(i -> !peers.packet(i, now)
                    .map(p -> p.proposedLiveset().contains(me)).orElse(false));
            HostSet notHearing = others.filter(i -> peers.packet(i, now).map(p -> !p.hbdomain().contains(me))
                    .orElse(false));
            end(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET, true, "the live members " + named(others) + " did not take"
                    + " this host in within " + limit / 1_000_000_000L + " s (BootJoinTimeout): " + named(notProposing)
                    + " never proposed it" + (notHearing.isEmpty() ? "" : ", " + named(notHearing)
                            + " do not hear its heartbeats") + "; " + heardAndSeen(now), out);
        }
    }

    /** The peers whose heartbeat or section still lists this host live (§7.1 step 3), for exit 12's line. */
    private String stillListed(long now) {
        HostSet listing = everyone.without(me).filter(i -> peers.packet(i, now)
                .map(p -> p.currentLiveset().contains(me)).orElse(false) || peers.sfdomain(now).contains(i)
                && listsMeLive(i));
        return "hosts " + named(listing) + " still list this host as live (its previous run has not been removed"
                + " from their liveset yet); " + heardAndSeen(now);
    }

    /** What a start that fails can say of the pool: whom this host hears and sees. */
    private String heardAndSeen(long now) {
        return "this host hears heartbeats from " + named(peers.hbdomain(now).without(me))
                + " and sees statefile writes from " + named(peers.sfdomain(now).without(me));
    }

    /** Hosts by index and the start of their UUID, as the liveset and the logs show them: 0 (772c21cf), 1 (…). */
    private String named(HostSet hosts) {
        return hosts.isEmpty() ? "no host" : hosts.indexes().mapToObj(i -> i + " ("
                + config.hosts().get(i).id().toString().substring(0, 8) + ")")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private void goOnline(HostSet liveset, long now, List<Action> out) {
        forming = Optional.empty();
        nextHeartbeat = now;
        online(liveset, now, out);
    }

    // ---- a member of the liveset ----

    private void member(long now, List<Action> out) {
        HostSet hb = hbdomain(now);
        HostSet sf = sfdomain(now);
        if (!handler.running()) {
            acknowledgeJoiners(now, hb, sf, out);
        }
        HostSet withoutStatefile = withoutStatefile(now);
        if (sr2 && withoutStatefile.intersect(current).isEmpty() && current.intersect(hb).equals(current)) {
            sr2 = false;
            out.add(new Action.Log("every host has the statefile again: SR-2 ends"));
        }
        HostSet excludedHosts = HostSet.EMPTY;
        for (int i : everyone.toArray()) {
            if (i != me && sections.excluded(i)) {
                excludedHosts = excludedHosts.with(i);
            }
        }
        if (removedOnStatefile(now, sf, out)) {
            return;
        }
        var situation = new FaultHandler.Situation(current, hb, sf, armed, hasStatefile(now), sr2, withoutStatefile,
                excludedHosts);
        List<FaultHandler.Effect> effects = new ArrayList<>();
        if (handler.step(situation, now, effects)) {
            nextHeartbeat = now; // a burst: the others see my new phase at once
        }
        for (FaultHandler.Effect e : effects) {
            if (e instanceof FaultHandler.Effect.SelfFence f) {
                selfFence(f.reason(), out);
                return;
            } else if (e instanceof FaultHandler.Effect.Record r) {
                out.add(new Action.Record(r.event()));
            } else if (e instanceof FaultHandler.Effect.Removing r) {
                proposed = proposed.intersect(new HostSet(~r.leaving().bits())).union(r.proposed());
                out.add(new Action.Log("FH4: " + r.leaving() + " leave once their watchdogs have surely fired;"
                        + " fence_request set"));
            } else if (e instanceof FaultHandler.Effect.Shrunk shrunk) {
                liveset(shrunk.current());
                proposed = proposed.intersect(new HostSet(~shrunk.left().bits()));
                out.add(new Action.Log("hosts " + shrunk.left() + " left: liveset " + current));
                shrunk.dropped().forEach(d -> out.add(new Action.Record(d)));
            } else if (e instanceof FaultHandler.Effect.SurvivingStatefileLoss) {
                if (!sr2) {
                    out.add(new Action.Log("SR-2: the pool survives the loss of the statefile"));
                }
                sr2 = true;
            } else if (e instanceof FaultHandler.Effect.Note n) {
                out.add(new Action.Log(n.message()));
            }
        }
    }

    /**
     * The statefile's {@code fence_request}: a member whose section shows it removing me (FH3DONE or FH4, me in
     * its current liveset but not in its proposed one: a winner of FH3, armed, C or Java alike) while I am still
     * armed means I lost, whether or not I noticed. xhad only sends this on the heartbeat (§7.5); a host whose
     * link from the winner is cut never hears it and, stuck in a rendezvous the winner has left, would stay up
     * after the winner dropped it (the simulator found it, seeds 4285 and 7170). Obeying it fences no host that
     * could have survived: the winner drops it either way.
     */
    private boolean removedOnStatefile(long now, HostSet sf, List<Action> out) {
        if (!armed) {
            return false;
        }
        for (int j : current.intersect(sf).without(me).toArray()) {
            Optional<HostSection> x = peers.section(j);
            if (x.isEmpty() || x.get().starting() != 0) {
                continue;
            }
            HostSection w = x.get();
            boolean removing = w.smPhase() == SmPhase.FH3DONE.code() || w.smPhase() == SmPhase.FH4.code();
            if (removing && w.currentLiveset().contains(j) && w.currentLiveset().contains(me)
                    && !w.proposedLiveset().contains(me)) {
                selfFence(JournalEvent.of(EventKind.SELF_FENCE, "host " + j + "'s statefile section removes this"
                        + " host: its side survived the fault without this one (phase "
                        + SmPhase.fromCode(w.smPhase()).map(Enum::name).orElse("?") + ", proposed liveset "
                        + JournalEvent.hosts(w.proposedLiveset()) + ")").with("removed_by", j)
                        .with("their_liveset", w.currentLiveset()).with("their_proposed_liveset", w.proposedLiveset())
                        .with("their_hbdomain", w.hbdomain()).with("their_sfdomain", w.sfdomain())
                        .with("my_hbdomain", hbdomain(now)).with("my_sfdomain", sf), out);
                return phase == Phase.FENCED;
            }
        }
        return false;
    }

    /** §7.1 step 6, member side: propose a joiner that asks, then count it in once every member proposes it. */
    private void acknowledgeJoiners(long now, HostSet hb, HostSet sf, List<Action> out) {
        for (int j : everyone.without(me).toArray()) {
            if (!current.contains(j) && hb.contains(j) && (sf.contains(j) || sr2)) {
                peers.packet(j, now).filter(p -> p.joining() && p.proposedLiveset().contains(me))
                        .ifPresent(p -> proposed = proposed.with(j));
            }
        }
        for (int j : proposed.indexes().filter(j -> !current.contains(j)).toArray()) {
            boolean allAgree = current.indexes().filter(m -> m != me).allMatch(m -> peers.packet(m, now)
                    .map(p -> p.proposedLiveset().contains(j)).orElse(false));
            if (allAgree) {
                current = current.with(j);
                out.add(new Action.Log("host " + j + " joined: liveset " + current));
                out.add(new Action.Record(JournalEvent.of(EventKind.HOST_JOINED, "host " + j + " joined the"
                        + " liveset: every member proposed it").with("host", j).with("liveset", current)));
            }
        }
    }

    /** {@code fence_request}s aimed at this host by a sender outside its view, and so not obeyed. */
    public long fenceRequestsIgnored() {
        return fenceRequestsIgnored;
    }

    /**
     * My hbdomain: hosts heard within T1, less members whose own hbdomain no longer holds me (§6.3: this makes
     * connectivity symmetric, so both ends of a one-way link see the same failure).
     */
    @Override
    public HostSet hbdomain(long now) {
        HostSet hb = peers.hbdomain(now);
        for (int j : hb.intersect(current).toArray()) {
            if (j != me && peers.packet(j, now).map(p -> p.smPhase() != SmPhase.STARTING.code()
                    && !p.hbdomain().contains(me)).orElse(false)) {
                hb = hb.without(j);
            }
        }
        return hb;
    }

    /**
     * My sfdomain: hosts whose sequence moved within T2, less members whose section says they are starting
     * again — the run in my liveset is gone, a new run writes that section (§7.1 step 3). Without statefile
     * access it is empty: I drop out of my own sfdomain when my writes fail (§5.5), and what I last read of
     * the others is no longer a view (the simulator found a host cut off from both channels winning SR-1 on
     * the memory of its last read, seed 2614).
     */
    @Override
    public HostSet sfdomain(long now) {
        if (!hasStatefile(now)) {
            return HostSet.EMPTY;
        }
        HostSet sf = peers.sfdomain(now);
        for (int j : sf.intersect(current).toArray()) {
            if (j != me && peers.section(j).map(x -> x.starting() != 0).orElse(false)) {
                sf = sf.without(j);
            }
        }
        return sf;
    }

    /** Hosts I hear that report no statefile access, and me when I have none. */
    @Override
    protected HostSet withoutStatefile(long now) {
        HostSet none = hasStatefile(now) ? HostSet.EMPTY : HostSet.of(me);
        for (int j : hbdomain(now).toArray()) {
            if (j != me && peers.packet(j, now).map(p -> !p.sfAccess()).orElse(false)) {
                none = none.with(j);
            }
        }
        return none;
    }

    // ---- what the core asks of the native engine ----

    @Override
    protected boolean statefileLost() {
        return sr2;
    }

    @Override
    protected long[] heardTimes() {
        return peers.heartbeatTimes();
    }

    @Override
    protected void describe(HostSectionBuilder own, long now) {
        own.proposedLiveset(publishedProposal()).hbdomain(hbdomain(now)).sfdomain(sfdomain(now)).smPhase(smPhase());
        List<Integer> sinceHb = peers.msSinceHeartbeats(now);
        for (int i = 0; i < config.hostCount(); i++) {
            own.sinceLastHbReceipt(i, sinceHb.get(i));
        }
    }

    @Override
    protected boolean engineAccelerating(long now) {
        return handler.running();
    }

    /** xhad: a peer's xapi as its last heartbeat says (its restart age carried to my clock); else its section. */
    @Override
    protected void peersXapi(long now, long[] since, String[] errors) {
        super.peersXapi(now, since, errors);
        for (int i = 0; i < since.length; i++) {
            Optional<HeartbeatPacket> p = i == me ? Optional.empty() : peers.packet(i, now);
            if (p.isPresent()) {
                since[i] = p.get().sinceXapiRestart() < 0 ? -1 : peers.lastHeard(i) - p.get().sinceXapiRestart() * MS;
                errors[i] = p.get().errString();
            }
        }
    }

    // ---- small helpers ----

    private SmPhase smPhase() {
        return startingOr(handler.phase());
    }

    /** What I propose: the liveset plus acknowledged joiners; without the leaving hosts while FH4 waits. */
    private HostSet publishedProposal() {
        return handler.leaving().isPresent() ? proposed : proposed.union(current);
    }

    private Published published(long now) {
        return new Published(current, publishedProposal(), smPhase(), handler.fenceRequest() && armed, sr2,
                joining(), hasStatefile(now), askingToAccelerate(now));
    }

    private boolean joining() {
        return phase == Phase.STARTING && (forming.isPresent() || !proposed.isEmpty());
    }

    private HeartbeatPacket heartbeat(long now) {
        return new HeartbeatPacket(++heartbeatSequence, config.generation(), myId, me, current,
                publishedProposal(), hbdomain(now), sfdomain(now), peers.msSinceHeartbeats(now),
                sections.msSinceUpdates(now), xapiRestartAgeMs(now), smPhase().code(), xapiError(), hasStatefile(now),
                corrupted,
                askingToAccelerate(now), handler.fenceRequest() && armed, sr2, joining());
    }
}
