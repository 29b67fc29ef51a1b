package org.xcp.clusterstack.xhad.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.common.lock.LockKeeper;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;

/**
 * The decisions of one xhad host as a pure state machine: observations (heartbeats, statefile reads,
 * script requests) and clock ticks go in, {@link Action}s come out. No I/O and no clock of its own, so the
 * same core runs under the daemon's adapters and in a simulator. Spec §5.5 (statefile cycle), §6
 * (heartbeat), §7.1 (start and join), §7.6 (master lock), §7.7–§7.8 (excluded flag, pool states).
 *
 * <p>Failures are handled by the {@link FaultHandler} (§7.2–§7.5): detection, the FH1–FH4 rendezvous, the
 * survival rules, {@code fence_request} and the wait before the liveset shrinks. While armed, this host
 * asks to be fenced ({@link Action.SelfFence}) when it loses, and stops petting its watchdog when its
 * statefile cycle has been stuck for longer than Ws − Wh: one watchdog of timeout Wh then stands in for
 * xhad's two (heartbeat Wh, statefile Ws).
 */
public final class XhadCore {
    private static final long MS = 1_000_000L;
    private static final long ACCELERATED_CYCLE = 400 * MS;
    private static final long ACCELERATION_HOLD = 2_000 * MS;
    /** Heartbeats sent on consecutive ticks when what a host publishes changes (spec §6.1: bursts of 3). */
    private static final int BURST = 3;

    /** What my heartbeats say that others act on; a change is sent at once rather than after t1. */
    private record Published(HostSet current, HostSet proposed, SmPhase phase, boolean fenceRequest, boolean sr2,
            boolean joining, boolean statefileAccess, boolean accelerate) {
    }

    /** FENCED: the core asked to be fenced and does nothing more; the host is being reset. */
    private enum Phase { STARTING, ONLINE, ENDED, FENCED }

    private final DaemonConfig config;
    private final int me;
    private final HostSet everyone;
    private final HaUuid myId;
    private final long t1;
    private final long t2;
    private final long bigT1;
    private final long bigT2;
    private final long petCutoff;
    private final Peers peers;
    private final StartCriteria criteria;
    private final Random jitter;
    private final long startNanos;

    private Phase phase = Phase.STARTING;
    private GlobalSection global;
    private boolean excluded;
    private boolean armed;
    private boolean access;
    private boolean corrupted;
    private HostSet current = HostSet.EMPTY;
    private HostSet proposed = HostSet.EMPTY;
    private Optional<HostSet> forming = Optional.empty();
    private boolean noticedGone;
    private int heartbeatSequence;
    private int statefileSequence;
    private long nextHeartbeat;
    private long nextCycle;
    private boolean cycleInFlight;
    /** Until when I accelerate because I asked for the lock; a peer's flag holds me only until the other. */
    private long accelerateUntil = -1;
    private long acceleratedByPeerUntil = -1;
    private final LockKeeper lock;
    private final List<Long> lockWaiters = new ArrayList<>();
    private Optional<PoolState> pendingPoolState = Optional.empty();
    private Optional<Optional<HaUuid>> pendingMaster = Optional.empty();
    private Action.GlobalChange inFlightChange = Action.GlobalChange.NONE;
    private final List<Long> globalWaiters = new ArrayList<>();
    private final List<Long> ownWriteWaiters = new ArrayList<>();
    private final List<Long> inFlightGlobalWaiters = new ArrayList<>();
    private final List<Long> inFlightOwnWaiters = new ArrayList<>();
    private boolean endAfterOwnWrite;
    private final FaultHandler handler;
    private boolean sr2;
    private long cycleStartedAt;
    private EngineView.LatencyWindow latency = EngineView.LatencyWindow.NONE;
    private Published lastPublished;
    private int burst;

    /**
     * @param global the global section as validated at start (generation, version, pool state usable)
     * @param excluded this host's excluded flag as found in its own section
     */
    public XhadCore(DaemonConfig config, GlobalSection global, boolean excluded, long now) {
        this.config = config;
        this.me = config.localHost().index();
        this.everyone = HostSet.firstN(config.hostCount());
        this.myId = config.local().hostId();
        DaemonParameters p = config.parameters();
        this.t1 = p.heartbeatInterval().toNanos();
        this.t2 = p.statefileInterval().toNanos();
        this.bigT1 = p.heartbeatTimeout().toNanos();
        this.bigT2 = p.statefileTimeout().toNanos();
        long wh = p.heartbeatWatchdogTimeout().toNanos();
        long ws = p.statefileWatchdogTimeout().toNanos();
        // xhad's statefile watchdog fires Ws after the statefile thread stalls; with one watchdog of timeout Wh
        // the same comes from no longer petting it Ws − Wh into a stuck cycle (never sooner than an interval)
        this.petCutoff = Math.max(ws - wh, Math.max(t1, t2));
        this.peers = new Peers(config.hostCount(), me, bigT1, bigT2);
        this.handler = new FaultHandler(config, peers);
        this.lock = new LockKeeper(config, peers);
        this.criteria = new StartCriteria(config);
        this.jitter = new Random(myId.compact().hashCode());
        this.global = global;
        this.excluded = excluded;
        this.startNanos = now;
        this.nextHeartbeat = now;
        this.nextCycle = now;
    }

    // ---- inputs ----

    public List<Action> tick(long now) {
        List<Action> out = new ArrayList<>();
        if (done()) {
            return out;
        }
        Published published = published(now);
        if (!published.equals(lastPublished)) {
            lastPublished = published;
            burst = BURST; // §6.1: what I publish changed, tell everyone now, a few times against loss
        }
        if (now >= nextHeartbeat || burst > 0) {
            burst = Math.max(0, burst - 1);
            peers.heardMyself(now);
            out.add(new Action.SendHeartbeat(heartbeat(now)));
            if (!statefileStuck(now)) {
                out.add(new Action.PetWatchdog());
            }
            // every t1; every 400 ms while the fault handler's rendezvous runs
            nextHeartbeat = now + (handler.running() ? ACCELERATED_CYCLE : t1);
        }
        if (phase == Phase.STARTING) {
            start(now, out);
        } else if (phase == Phase.ONLINE) {
            member(now, out);
        }
        if (!done() && now >= nextCycle && !cycleInFlight) {
            out.add(cycle(now));
        }
        return out;
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
        // §6.3 step 4 / §7.5: a winner shrinking its liveset without me tells me to go
        if (p.fenceRequest() && p.currentLiveset().contains(sender) && !p.proposedLiveset().contains(me)
                && phase == Phase.ONLINE && current.contains(sender)) {
            List<Action> out = new ArrayList<>();
            selfFence("host " + sender + " asked to fence this host: its proposed liveset "
                    + p.proposedLiveset() + " leaves it out", out);
            if (phase == Phase.FENCED) {
                return out;
            }
        }
        peers.heard(p, now);
        if (p.sr2() && phase == Phase.ONLINE && current.contains(sender) && !sr2) {
            sr2 = true; // §6.3 step 5: the SR-2 flag spreads over the heartbeat
        }
        if (p.sfAccelerate()) {
            acceleratedByPeerUntil = now + ACCELERATION_HOLD;
            nextCycle = Math.min(nextCycle, now + ACCELERATED_CYCLE);
        }
        return List.of();
    }

    /**
     * The result of a {@link Action.StatefileCycle}: what was written, and what was read (empty when the
     * reads failed).
     */
    public List<Action> onStatefileRead(boolean ownWritten, boolean globalWritten, Optional<GlobalSection> read,
            List<HostSection> hosts, long ioNanos, long now) {
        List<Action> out = new ArrayList<>();
        if (phase == Phase.FENCED) {
            return out;
        }
        cycleInFlight = false;
        latency = latency.add(ioNanos / MS);
        if (ownWritten) {
            peers.wroteOwnSection(now);
            replyAll(inFlightOwnWaiters, out);
        } else {
            ownWriteWaiters.addAll(inFlightOwnWaiters); // try again in the next cycle
            inFlightOwnWaiters.clear();
        }
        if (globalWritten) {
            replyAll(inFlightGlobalWaiters, out);
        } else {
            restore(inFlightChange); // try again in the next cycle
            globalWaiters.addAll(inFlightGlobalWaiters);
            inFlightGlobalWaiters.clear();
        }
        inFlightChange = Action.GlobalChange.NONE;
        if (read.isEmpty()) {
            lose("the statefile cannot be read", out);
            return out;
        }
        GlobalSection g = read.get();
        var faults = g.faults(Optional.empty());
        corrupted = faults.contains(SectionFault.SIGNATURE) || faults.contains(SectionFault.CHECKSUM);
        if (corrupted) {
            lose("the global section is corrupted " + faults, out);
            return out;
        }
        access = ownWritten;
        global = g;
        for (int i = 0; i < hosts.size(); i++) {
            peers.read(i, hosts.get(i), now);
        }
        lock.statefileRead(ownWritten, current);
        checkGlobal(g, out);
        if (endAfterOwnWrite && ownWritten && !done()) {
            end(ExitCode.SET_EXCLUDED, false, "set_excluded: ending without disarming (spec §7.7)", out);
        }
        return out;
    }

    public List<Action> request(Request r, long now) {
        List<Action> out = new ArrayList<>();
        if (done()) {
            out.add(new Action.Reply(r.id(), ExitCode.DAEMON_IS_NOT_PRESENT, ""));
            return out;
        }
        if (r instanceof Request.ProposeMaster pm) {
            proposeMaster(pm.id(), now, out);
        } else if (r instanceof Request.Disarm d) {
            if (phase != Phase.ONLINE) {
                out.add(new Action.Reply(d.id(), ExitCode.INVALID_LOCALHOST_STATE, ""));
            } else {
                armed = false;
                out.add(new Action.DisarmFencing());
                out.add(new Action.Reply(d.id(), ExitCode.SUCCESS, ""));
            }
        } else if (r instanceof Request.SetPoolState s) {
            if (!access) {
                out.add(new Action.Reply(s.id(), ExitCode.CAN_NOT_ACCESS_STATEFILE, ""));
            } else {
                pendingPoolState = Optional.of(s.state());
                globalWaiters.add(s.id());
                nextCycle = now;
            }
        } else if (r instanceof Request.SetExcluded s) {
            if (!access) {
                out.add(new Action.Reply(s.id(), ExitCode.CAN_NOT_ACCESS_STATEFILE, ""));
            } else if (poolState() != PoolState.ACTIVE) {
                out.add(new Action.Reply(s.id(), ExitCode.INVALID_POOL_STATE, ""));
            } else {
                excluded = s.excluded();
                ownWriteWaiters.add(s.id());
                endAfterOwnWrite = s.excluded();
                nextCycle = now;
            }
        }
        return out;
    }

    /** Ends the engine cleanly (ha_stop_daemon, SIGTERM). */
    public List<Action> stop() {
        List<Action> out = new ArrayList<>();
        end(ExitCode.SUCCESS, true, "stopping cleanly", out);
        return out;
    }

    // ---- what others read ----

    public HostState state() {
        return phase == Phase.ONLINE ? HostState.ONLINE : HostState.STARTING;
    }

    public EngineView view(long now) {
        return new EngineView(state(), armed, current, hbdomain(now), sfdomain(now), hasStatefile(now), corrupted, sr2,
                withoutStatefile(now, hbdomain(now)),
                Optional.ofNullable(global), peers.sections(), peers.statefileUpdateTimes(),
                peers.heartbeatTimes(), latency);
    }

    /** Called after each publication: the next window of latency samples starts. */
    public void published() {
        latency = latency.restart();
    }

    // ---- start and join (spec §7.1) ----

    private void start(long now, List<Action> out) {
        long elapsed = now - startNanos;
        HostSet hb = peers.hbdomain(now);
        HostSet sf = peers.sfdomain(now);
        PoolState pool = poolState();
        long limit = (pool == PoolState.INIT ? config.parameters().enableJoinTimeout()
                : config.parameters().bootJoinTimeout()).toNanos();
        if (pool == PoolState.INVALID) {
            end(ExitCode.INVALID_POOL_STATE, true, "the pool state is INVALID: HA was disabled", out);
            return;
        }
        // step 3: until every peer has noticed that I was gone (a host that restarts fast), on either channel
        if (!noticedGone) {
            boolean listedOnNetwork = hb.indexes().filter(i -> i != me).anyMatch(i -> peers.packet(i, now)
                    .map(p -> p.currentLiveset().contains(me)).orElse(false));
            boolean listedOnStatefile = sf.indexes().filter(i -> i != me).anyMatch(i -> peers.section(i)
                    .map(x -> x.starting() == 0 && x.currentLiveset().contains(me)).orElse(false));
            if (listedOnNetwork || listedOnStatefile) {
                if (elapsed > limit) {
                    end(ExitCode.BOOTJOIN_TIMEOUT, true, "peers still list this host as live", out);
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
                end(ExitCode.BOOTJOIN_TIMEOUT, true, "peers still list this host as live", out);
            }
            return;
        }
        if (existing.isPresent() && existing.get().contains(me)) {
            current = existing.get(); // the live members counted me in after I asked: adopt their liveset
            if (pool == PoolState.INIT) {
                pendingPoolState = Optional.of(PoolState.ACTIVE); // a peer formed it first; its write may lag
            }
            online(now, out);
            return;
        }
        if (existing.isPresent()) {
            if (pool == PoolState.INIT) {
                end(ExitCode.INVALID_POOL_STATE, true, "pool state INIT but a liveset exists", out);
                return;
            }
            joinExisting(existing.get(), elapsed, out);
            return;
        }
        if (forming.isEmpty()) {
            boolean allExcluded = everyone.indexes().allMatch(i -> i == me ? excluded
                    : peers.section(i).map(s -> s.excluded() != 0).orElse(false));
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
            current = members;
            if (pool == PoolState.INIT) {
                pendingPoolState = Optional.of(PoolState.ACTIVE); // the first liveset makes INIT ACTIVE
            }
            online(now, out);
        } else if (elapsed > limit + 3 * Math.max(t1, t2)) {
            end(ExitCode.BOOTJOIN_TIMEOUT, true, "the hosts of " + members + " did not all agree in time", out);
        }
    }

    /** The liveset of the lowest-index running host I can see, if any host runs (§7.1 "a liveset exists"). */
    private Optional<HostSet> existingLiveset(long now) {
        for (int i : everyone.indexes().toArray()) {
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
    private void joinExisting(HostSet live, long elapsed, List<Action> out) {
        proposed = live.with(me);
        if (elapsed > config.parameters().bootJoinTimeout().toNanos()) {
            end(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET, true, "the live members " + live
                    + " did not accept this host", out);
        }
    }

    private void online(long now, List<Action> out) {
        phase = Phase.ONLINE;
        excluded = false;
        armed = true;
        forming = Optional.empty();
        nextHeartbeat = now;
        nextCycle = now;
        out.add(new Action.ArmFencing());
        out.add(new Action.BecameOnline());
        out.add(new Action.Log("Online: liveset " + current));
    }

    // ---- a member of the liveset ----

    private void member(long now, List<Action> out) {
        HostSet hb = hbdomain(now);
        HostSet sf = sfdomain(now);
        if (!handler.running()) {
            acknowledgeJoiners(now, hb, sf, out);
        }
        HostSet withoutStatefile = withoutStatefile(now, hb);
        if (sr2 && withoutStatefile.intersect(current).isEmpty() && current.intersect(hb).equals(current)) {
            sr2 = false;
            out.add(new Action.Log("every host has the statefile again: SR-2 ends"));
        }
        HostSet excludedHosts = HostSet.EMPTY;
        for (int i : everyone.indexes().toArray()) {
            if (i != me && peers.section(i).map(x -> x.excluded() != 0).orElse(false)) {
                excludedHosts = excludedHosts.with(i);
            }
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
            } else if (e instanceof FaultHandler.Effect.Removing r) {
                proposed = proposed.intersect(new HostSet(~r.leaving().bits())).union(r.proposed());
                out.add(new Action.Log("FH4: " + r.leaving() + " leave once their watchdogs have surely fired;"
                        + " fence_request set"));
            } else if (e instanceof FaultHandler.Effect.Shrunk shrunk) {
                current = shrunk.current();
                proposed = proposed.intersect(new HostSet(~shrunk.left().bits()));
                out.add(new Action.Log("hosts " + shrunk.left() + " left: liveset " + current));
            } else if (e instanceof FaultHandler.Effect.SurvivingStatefileLoss) {
                if (!sr2) {
                    out.add(new Action.Log("SR-2: the pool survives the loss of the statefile"));
                }
                sr2 = true;
            } else if (e instanceof FaultHandler.Effect.Note n) {
                out.add(new Action.Log(n.message()));
            }
        }
        masterLock(now, out);
    }

    /** §7.1 step 6, member side: propose a joiner that asks, then count it in once every member proposes it. */
    private void acknowledgeJoiners(long now, HostSet hb, HostSet sf, List<Action> out) {
        for (int j : everyone.without(me).indexes().toArray()) {
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
            }
        }
    }

    /**
     * My hbdomain: hosts heard within T1, less members whose own hbdomain no longer holds me (§6.3: this makes
     * connectivity symmetric, so both ends of a one-way link see the same failure).
     */
    private HostSet hbdomain(long now) {
        HostSet hb = peers.hbdomain(now);
        for (int j : hb.intersect(current).indexes().toArray()) {
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
    private HostSet sfdomain(long now) {
        if (!hasStatefile(now)) {
            return HostSet.EMPTY;
        }
        HostSet sf = peers.sfdomain(now);
        for (int j : sf.intersect(current).indexes().toArray()) {
            if (j != me && peers.section(j).map(x -> x.starting() != 0).orElse(false)) {
                sf = sf.without(j);
            }
        }
        return sf;
    }

    /** Hosts I hear that report no statefile access, and me when I have none. */
    private HostSet withoutStatefile(long now, HostSet hb) {
        HostSet none = hasStatefile(now) ? HostSet.EMPTY : HostSet.of(me);
        for (int j : hb.indexes().toArray()) {
            if (j != me && peers.packet(j, now).map(p -> !p.sfAccess()).orElse(false)) {
                none = none.with(j);
            }
        }
        return none;
    }

    /** §7.4: while armed, stop here and ask the fencer to reset the host; disarmed, it is only logged. */
    private void selfFence(String why, List<Action> out) {
        if (!armed) {
            out.add(new Action.Log("would self-fence, but fencing is disarmed: " + why));
            return;
        }
        phase = Phase.FENCED;
        abandonWaiters(out);
        out.add(new Action.Log("self-fencing: " + why));
        out.add(new Action.SelfFence(why));
    }

    // ---- the master lock (spec §7.6), kept by LockKeeper ----

    private void proposeMaster(long id, long now, List<Action> out) {
        if (phase != Phase.ONLINE) {
            out.add(new Action.Reply(id, ExitCode.INVALID_LOCALHOST_STATE, ""));
            return;
        }
        if (lock.heldByAnother(current, global)) {
            out.add(new Action.Reply(id, ExitCode.SUCCESS, "FALSE\n"));
            return;
        }
        lock.request();
        lockWaiters.add(id);
        accelerateUntil = now + ACCELERATION_HOLD;
        nextCycle = Math.min(nextCycle, now);
        masterLock(now, out);
    }

    private void masterLock(long now, List<Action> out) {
        switch (lock.step(current, global, !lockWaiters.isEmpty())) {
            case ANSWER_FALSE -> answerProposals("FALSE\n", out);
            case ANSWER_TRUE -> {
                answerProposals("TRUE\n", out);
                out.add(new Action.Log("master lock held by this host (index " + me + ")"));
            }
            case WRITE_MASTER -> {
                if (pendingMaster.isEmpty() && inFlightChange.master().isEmpty()) {
                    pendingMaster = Optional.of(Optional.of(myId)); // TRUE once the master field is on disk
                    nextCycle = now;
                }
            }
            case WAIT -> {
                if (!lockWaiters.isEmpty()) {
                    accelerateUntil = now + ACCELERATION_HOLD;
                }
            }
        }
    }

    private void answerProposals(String answer, List<Action> out) {
        lockWaiters.forEach(id -> out.add(new Action.Reply(id, ExitCode.SUCCESS, answer)));
        lockWaiters.clear();
    }

    // ---- the statefile ----

    private Action cycle(long now) {
        cycleInFlight = true;
        cycleStartedAt = now;
        nextCycle = now + (accelerating(now) ? ACCELERATED_CYCLE : t2 + (jitter.nextInt(1001) - 500) * MS);
        lock.cycleStarted();
        inFlightChange = new Action.GlobalChange(pendingPoolState, pendingMaster);
        pendingPoolState = Optional.empty();
        pendingMaster = Optional.empty();
        inFlightGlobalWaiters.addAll(globalWaiters);
        globalWaiters.clear();
        inFlightOwnWaiters.addAll(ownWriteWaiters);
        ownWriteWaiters.clear();
        List<Integer> sinceHb = peers.msSinceHeartbeats(now);
        List<Integer> sinceSf = peers.msSinceStatefileUpdates(now);
        var own = HostSection.builder().sequence(++statefileSequence).hostIndex(me).hostUuid(myId)
                .excluded(excluded).starting(phase == Phase.STARTING).sinceXapiRestartFirstAttempted(-1)
                .currentLiveset(current).proposedLiveset(publishedProposal())
                .hbdomain(hbdomain(now)).sfdomain(sfdomain(now))
                .lockRequest(lock.requesting()).lockGrant(lock.grants()).weight(1)
                .smPhase(smPhase());
        for (int i = 0; i < config.hostCount(); i++) {
            own.sinceLastHbReceipt(i, sinceHb.get(i)).sinceLastSfUpdate(i, sinceSf.get(i));
        }
        return new Action.StatefileCycle(own.build(), inFlightChange);
    }

    private void checkGlobal(GlobalSection g, List<Action> out) {
        PoolState pool = g.poolStateValue().orElse(PoolState.NONE);
        if (!g.generationMatches(config.generation())) {
            end(ExitCode.GENERATION_UUID_MISMATCH, true, "the statefile now belongs to another generation", out);
        } else if (g.faults(Optional.empty()).contains(SectionFault.VERSION)) {
            end(ExitCode.INVALID_STATE_FILE, true, "the statefile version changed", out);
        } else if (pool == PoolState.INVALID) {
            end(ExitCode.INVALID_POOL_STATE, true, "pool state INVALID: HA disabled, stopping cleanly", out);
        } else if (pool == PoolState.INIT && phase == Phase.ONLINE && pendingPoolState.isEmpty()
                && inFlightChange.poolState().isEmpty()) {
            end(ExitCode.INVALID_POOL_STATE, true, "pool state INIT while running: the statefile was re-initialised",
                    out);
        }
    }

    private void lose(String why, List<Action> out) {
        if (access) {
            out.add(new Action.Log("statefile access lost: " + why));
        }
        access = false;
    }

    private void end(ExitCode code, boolean disarm, String why, List<Action> out) {
        if (done()) {
            return;
        }
        phase = Phase.ENDED;
        armed = armed && !disarm;
        abandonWaiters(out);
        out.add(new Action.End(code, disarm, why));
    }

    /** Every script still waiting on this engine hears that the daemon is going. */
    private void abandonWaiters(List<Action> out) {
        List<Long> waiting = new ArrayList<>(lockWaiters);
        waiting.addAll(globalWaiters);
        waiting.addAll(ownWriteWaiters);
        waiting.addAll(inFlightGlobalWaiters);
        waiting.addAll(inFlightOwnWaiters);
        waiting.forEach(id -> out.add(new Action.Reply(id, ExitCode.DAEMON_IS_NOT_PRESENT, "")));
    }

    // ---- small helpers ----

    private static void replyAll(List<Long> ids, List<Action> out) {
        ids.forEach(id -> out.add(new Action.Reply(id, ExitCode.SUCCESS, "")));
        ids.clear();
    }

    private void restore(Action.GlobalChange change) {
        if (pendingPoolState.isEmpty()) {
            pendingPoolState = change.poolState();
        }
        if (pendingMaster.isEmpty()) {
            pendingMaster = change.master();
        }
    }

    /** Joining, a joiner in sight, a lock request or a fault handler: heartbeats and cycles every 400 ms. */
    private boolean accelerating(long now) {
        return askingToAccelerate(now) || now < acceleratedByPeerUntil;
    }

    /**
     * Whether my heartbeats carry SF_accelerate: only for my own reasons. Forwarding a peer's flag kept two
     * hosts accelerating each other for ever (every 400 ms instead of t1), which the crash benchmark showed.
     */
    private boolean askingToAccelerate(long now) {
        return phase == Phase.STARTING || now < accelerateUntil || !lockWaiters.isEmpty() || handler.running();
    }

    /**
     * Whether I have the statefile now: my last cycle read it, and the cycle in flight has not been stuck for
     * more than T2/2 (a hung path is a lost path; the simulator found a host whose stuck cycle left it judging
     * SR-1 on reads 10 s old, seed 2646).
     */
    private boolean hasStatefile(long now) {
        return access && !(cycleInFlight && now - cycleStartedAt > bigT2 / 2);
    }

    private boolean done() {
        return phase == Phase.ENDED || phase == Phase.FENCED;
    }

    /** A statefile cycle in flight for longer than Ws − Wh: xhad's statefile watchdog would not be refreshed. */
    private boolean statefileStuck(long now) {
        return cycleInFlight && !sr2 && now - cycleStartedAt > petCutoff;
    }

    private SmPhase smPhase() {
        return phase == Phase.STARTING ? SmPhase.STARTING : handler.phase();
    }

    /** What I propose: the liveset plus acknowledged joiners; without the leaving hosts while FH4 waits. */
    private HostSet publishedProposal() {
        return handler.leaving().isPresent() ? proposed : proposed.union(current);
    }

    private PoolState poolState() {
        return global == null ? PoolState.NONE : global.poolStateValue().orElse(PoolState.NONE);
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
                peers.msSinceStatefileUpdates(now), -1, smPhase().code(), "", hasStatefile(now), corrupted,
                askingToAccelerate(now), handler.fenceRequest() && armed, sr2, joining());
    }
}
