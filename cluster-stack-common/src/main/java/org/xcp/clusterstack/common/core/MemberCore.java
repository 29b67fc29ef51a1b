package org.xcp.clusterstack.common.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.spi.XapiOutcome;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.HostSectionBuilder;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.api.statefile.SmPhase;
import org.xcp.clusterstack.common.lock.LockKeeper;

/**
 * xhad's semantics for one host, the same for every stack: a pure state machine fed with statefile reads,
 * script requests and clock ticks, returning {@link Action}s. No I/O and no clock of its own, so the daemon's
 * adapters and the deterministic simulator run the same code. An engine kind extends it with its membership
 * evidence only: the native engine its heartbeats, fault handler and survival rules; a stack on an external
 * manager the manager's samples and its fence window. Here, once for all of them:
 *
 * <ul>
 *   <li>the phases (Starting, Online, ended, fenced) and what each script gets in each (17 unless Online for
 *       {@code propose_master} and {@code disarm_fencing}; 14 once ended);</li>
 *   <li>the statefile cycle (spec §5.5): this host's section every t2 (every 400 ms while accelerating), the
 *       global changes queued by scripts and the lock, retried until written; access lost on a failed read or
 *       a corrupted global section; the latencies measured;</li>
 *   <li>the global section while running: another generation ends with 10, a version change with 9, INVALID with
 *       11, INIT while Online with 11 (§5.5, §7.8);</li>
 *   <li>the excluded flag (§7.7): cleared by going Online; set under a daemon ends it with 19, armed;</li>
 *   <li>the master lock (§7.6) through {@link LockKeeper}: FALSE without asking while another host holds it, a
 *       request cancelled after a FALSE or a lost wait, and an answer within {@link #proposalLimitNanos()};</li>
 *   <li>xapi's health check (§7.4) through {@link XapiWatch}, once the daemon says this host has an xapi
 *       ({@link #watchXapi}): checked every tXapi from Online on, restarted when it fails, and the host fenced when
 *       the restarts allowed do not cure it;</li>
 *   <li>the liveset document's view ({@link #view}), rendered by {@link LivesetRenderer}.</li>
 * </ul>
 */
public abstract class MemberCore {
    protected static final long MS = 1_000_000L;
    /** Heartbeat and statefile interval while accelerating (xhad's SF_accelerate). */
    protected static final long ACCELERATED_CYCLE = 400 * MS;
    protected static final long ACCELERATION_HOLD = 2_000 * MS;

    /** FENCED: the core asked to be fenced and does nothing more; the host is being reset. */
    protected enum Phase { STARTING, ONLINE, ENDED, FENCED }

    protected final DaemonConfig config;
    protected final int me;
    protected final HostSet everyone;
    protected final HaUuid myId;
    protected final long t1;
    protected final long t2;
    protected final long bigT1;
    protected final long bigT2;
    protected final long startNanos;
    protected final SectionReads sections;
    protected final StartCriteria criteria;
    /**
     * xhad's statefile watchdog Ws, in one watchdog of timeout Wh: while a cycle is in flight, stop petting Ws − Wh
     * after the start of the last cycle that wrote this host's section, so that a host whose statefile hangs is
     * reset at most Ws after the last write the others saw of it: the survivors' FH4 floor, max(Wh, Ws) after
     * its last sign of life, holds for it exactly (docs/contracts.md).
     */
    private final long petCutoff;
    private final LockProposals proposals;
    private final StatefileWrites writes = new StatefileWrites();
    private final Random jitter;
    private final LatencyMeter statefileLatency = new LatencyMeter();
    private final LatencyMeter heartbeatLatency = new LatencyMeter();
    private final XapiWatch xapi;
    private boolean watchXapi;

    protected Phase phase = Phase.STARTING;
    protected GlobalSection global;
    protected boolean excluded;
    protected boolean armed;
    protected boolean access;
    protected boolean corrupted;
    /** The current liveset: who xapi may count on. */
    protected HostSet current = HostSet.EMPTY;
    protected long nextCycle;
    private int statefileSequence;
    private boolean cycleInFlight;
    private long cycleStartedAt;
    /** When the last cycle that wrote this host's section began (-1: none yet). */
    private long lastWritingCycleStartedAt = -1;
    private long accelerateUntil = -1;
    private long acceleratedByPeerUntil = -1;
    /** The watchdog is no longer petted because of the cycle that started at this time (-1: it is petted). */
    private long unpettedSince = -1;
    /** Access was lost since it was last recorded as lost: the journal records its return (not the first access). */
    private boolean accessLostRecorded;

    /**
     * @param global the global section as validated at start (generation, version, pool state usable)
     * @param excluded this host's excluded flag as found in its own section
     */
    protected MemberCore(DaemonConfig config, GlobalSection global, boolean excluded, long now) {
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
        this.petCutoff = Math.max(ws - wh, Math.max(t1, t2));
        this.sections = new SectionReads(config.hostCount(), me, bigT2);
        this.proposals = new LockProposals(config, sections, Math.max(bigT1, bigT2));
        this.criteria = new StartCriteria(config);
        this.jitter = new Random(myId.compact().hashCode());
        this.xapi = new XapiWatch(p, t1);
        this.global = global;
        this.excluded = excluded;
        this.startNanos = now;
        this.nextCycle = now;
    }

    // ---- what an engine kind supplies ----

    /** One clock tick of the engine's own: heartbeats, joining, membership, fencing; before the statefile cycle. */
    protected abstract void step(long now, List<Action> out);

    /** The hosts this host sees on its membership channel (heartbeats, or the manager's quorate partition). */
    public abstract HostSet hbdomain(long now);

    /** The hosts this host sees on the statefile (spec §5.5), as it publishes them. */
    public abstract HostSet sfdomain(long now);

    /** Whether the pool survives without the statefile (xhad's SR-2; for a stack on a manager, no access here). */
    protected abstract boolean statefileLost();

    /** Hosts on the membership channel that report no statefile access, me included when I have none. */
    protected abstract HostSet withoutStatefile(long now);

    /** When each configured host was last heard on the membership channel (my nanoTime), or -1. */
    protected abstract long[] heardTimes();

    /** The rest of my section: proposed liveset, domains, phase, the ages of what I heard. */
    protected abstract void describe(HostSectionBuilder own, long now);

    /** Whether the engine asks for accelerated cycles for its own reasons (joining, fault handling). */
    protected abstract boolean engineAccelerating(long now);

    // ---- inputs ----

    public final List<Action> tick(long now) {
        List<Action> out = new ArrayList<>();
        if (done()) {
            return out;
        }
        if (phase == Phase.STARTING && poolState() == PoolState.INVALID) {
            end(ExitCode.INVALID_POOL_STATE, true, "the pool state is INVALID: HA was disabled", out);
            return out;
        }
        step(now, out);
        if (phase == Phase.ONLINE) {
            xapiVerdict(xapi.tick(now, out), out);
        }
        if (phase == Phase.ONLINE) {
            if (proposals.step(current, global, hasStatefile(now), now, writes, out)) {
                nextCycle = now; // the master field goes to disk at once
            }
            if (proposals.waiting()) {
                accelerateUntil = now + ACCELERATION_HOLD; // and 2 s beyond the last wait
            }
        }
        if (!done() && writes.anyoneWaiting() && !hasStatefile(now) && cycleInFlight) {
            writes.failAll(ExitCode.CAN_NOT_ACCESS_STATEFILE, out); // a stuck cycle: statefile access is lost
        }
        if (!done() && now >= nextCycle && !cycleInFlight) {
            out.add(cycle(now));
        }
        return out;
    }

    /**
     * The result of a {@link Action.StatefileCycle}: what was written, and what was read (empty when the
     * reads failed).
     */
    public final List<Action> onStatefileRead(boolean ownWritten, boolean globalWritten, Optional<GlobalSection> read,
            List<HostSection> hosts, long ioNanos, long now) {
        List<Action> out = new ArrayList<>();
        if (phase == Phase.FENCED) {
            return out;
        }
        cycleInFlight = false;
        statefileLatency.add(ioNanos / MS);
        if (ownWritten) {
            sections.wroteOwnSection(now);
            lastWritingCycleStartedAt = cycleStartedAt;
        }
        boolean endsNow = ownWritten && writes.endsNow();
        writes.finished(ownWritten, globalWritten, out); // what failed goes with the next cycle
        if (read.isEmpty()) {
            lose("the statefile cannot be read", out);
            return out;
        }
        GlobalSection g = read.get();
        var faults = g.faults(Optional.empty());
        corrupted = SectionFault.corrupted(faults); // the one test: Statefile.requireStartable uses it too
        if (corrupted) {
            lose("the global section is corrupted " + faults, out);
            return out;
        }
        if (ownWritten && !access) {
            out.add(new Action.Log("statefile access regained"));
            if (accessLostRecorded) {
                accessLostRecorded = false;
                out.add(new Action.Record(JournalEvent.of(EventKind.STATEFILE_ACCESS, "statefile access regained")
                        .with("access", true)));
            }
        }
        access = ownWritten;
        if (!access) {
            writes.failAll(ExitCode.CAN_NOT_ACCESS_STATEFILE, out);
        }
        recordGlobalChanges(global, g, out);
        global = g;
        for (int i = 0; i < hosts.size(); i++) {
            sections.read(i, hosts.get(i), now);
        }
        proposals.lock().statefileRead(ownWritten, current);
        checkGlobal(g, out);
        if (endsNow && !done()) {
            end(ExitCode.SET_EXCLUDED, false, "set_excluded: ending without disarming (spec §7.7)", out);
        }
        return out;
    }

    /** How the health check or the restart asked for by {@link Action.CheckXapi} or {@link Action.RestartXapi} ended. */
    public final List<Action> onXapiOutcome(XapiOutcome outcome, long now) {
        List<Action> out = new ArrayList<>();
        if (!done()) {
            xapiVerdict(xapi.outcome(outcome, now, out), out);
        }
        return out;
    }

    /**
     * Whether this host has an xapi to watch (the daemon found its health check): set before the core starts;
     * without it (the default, for the simulators and tests) no health check is ever asked for.
     */
    public final void watchXapi(boolean present) {
        watchXapi = present;
    }

    public final List<Action> request(Request r, long now) {
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
                out.add(new Action.Record(JournalEvent.of(EventKind.DISARMED, "fencing disarmed by"
                        + " ha_disarm_fencing: this host will not fence itself, nor remove anyone from its liveset")
                        .with("liveset", current)));
                out.add(new Action.DisarmFencing(d.id()));
                out.add(new Action.Reply(d.id(), ExitCode.SUCCESS, ""));
            }
        } else if (r instanceof Request.SetPoolState s) {
            if (!access) {
                out.add(new Action.Reply(s.id(), ExitCode.CAN_NOT_ACCESS_STATEFILE, ""));
            } else {
                writes.poolState(s.id(), s.state());
                nextCycle = now;
            }
        } else if (r instanceof Request.SetExcluded s) {
            if (!access) {
                out.add(new Action.Reply(s.id(), ExitCode.CAN_NOT_ACCESS_STATEFILE, ""));
            } else if (poolState() != PoolState.ACTIVE) {
                out.add(new Action.Reply(s.id(), ExitCode.INVALID_POOL_STATE, ""));
            } else {
                excluded = s.excluded();
                out.add(new Action.Record(JournalEvent.of(EventKind.EXCLUDED, s.excluded()
                        ? "ha_set_excluded: this host is leaving on purpose (a clean shutdown)"
                        : "ha_clear_excluded: this host's excluded flag is cleared").with("excluded", s.excluded())));
                writes.ownSection(s.id(), s.excluded());
                nextCycle = now;
            }
        }
        return out;
    }

    /**
     * The {@link Action.DisarmFencing} the core asked for failed (a manager that fences by itself refused): fencing
     * is still armed, and this host goes on removing departed hosts as an armed host does.
     */
    public final void disarmRefused() {
        if (phase == Phase.ONLINE) {
            armed = true;
        }
    }

    /** Ends the engine cleanly (ha_stop_daemon, SIGTERM). */
    public final List<Action> stop() {
        List<Action> out = new ArrayList<>();
        end(ExitCode.SUCCESS, true, "stopping cleanly", out);
        return out;
    }

    // ---- what others read ----

    public final HostState state() {
        return phase == Phase.ONLINE ? HostState.ONLINE : HostState.STARTING;
    }

    public final EngineView view(long now) {
        HostSet hb = hbdomain(now);
        return new EngineView(state(), armed, current, hb, sfdomain(now), hasStatefile(now), corrupted,
                statefileLost(), withoutStatefile(now), Optional.ofNullable(global), sections.sections(),
                sections.updateTimes(), heardTimes(), statefileLatency, heartbeatLatency, xapiView(now));
    }

    /** A liveset document was published (what a query returns): the latency windows start again (spec §4.1). */
    public final void published() {
        statefileLatency.restart();
        heartbeatLatency.restart();
        xapi.latency().restart();
    }

    /** How long a {@code propose_master} may wait for the lock before it is answered FALSE (spec §7.6). */
    public final long proposalLimitNanos() {
        return proposals.limitNanos();
    }

    // ---- for the engine kinds ----

    /** The local host is a member of the liveset {@code liveset}: {@code ha_start_daemon} returns 0 (§7.1 step 7). */
    protected final void online(HostSet liveset, long now, List<Action> out) {
        phase = Phase.ONLINE;
        current = liveset;
        excluded = false;
        armed = true;
        nextCycle = now;
        if (poolState() == PoolState.INIT) {
            writes.activation(); // the first liveset makes INIT ACTIVE (§7.8), unless HA was disabled meanwhile
        }
        out.add(new Action.ArmFencing());
        out.add(new Action.BecameOnline());
        out.add(new Action.Log("Online: liveset " + current));
        out.add(new Action.Record(JournalEvent.of(EventKind.ONLINE, "this host is Online in liveset " + JournalEvent.hosts(current))
                .with("liveset", current).with("pool_state", poolState().name())
                .with("joined_after_ms", (now - startNanos) / MS)));
        if (watchXapi) {
            xapi.start(now);
        }
        out.add(new Action.Record(JournalEvent.of(EventKind.ARMED, "fencing armed: from now on this host fences"
                + " itself if it loses the survival rule or stops petting its watchdog"
                + (watchXapi ? ", or if xapi stays unhealthy after the restarts allowed" : ""))
                .with("heartbeat_watchdog_ms", config.parameters().heartbeatWatchdogTimeout().toMillis())
                .with("statefile_watchdog_ms", config.parameters().statefileWatchdogTimeout().toMillis())));
    }

    /**
     * The current liveset becomes {@code next}; while disarmed nobody leaves it (spec §7.3: a disarmed host never
     * removes anyone from its own liveset, so it never lets xapi restart VMs it cannot be fenced for).
     */
    protected final void liveset(HostSet next) {
        current = armed ? next : current.union(next);
    }

    /** Ends the engine with {@code code}; {@code disarm} false is the exit-19 trap (spec §7.7). */
    protected final void end(ExitCode code, boolean disarm, String why, List<Action> out) {
        if (done()) {
            return;
        }
        phase = Phase.ENDED;
        xapi.stop();
        armed = armed && !disarm;
        abandonWaiters(out);
        out.add(new Action.End(code, disarm, why));
    }

    /**
     * §7.4: while armed, stop here and ask the fencer to reset the host, the reason and its evidence going to the
     * journal first ({@link Action.SelfFence}); disarmed, it is only logged.
     */
    protected final void selfFence(JournalEvent why, List<Action> out) {
        if (!armed) {
            out.add(new Action.Log("would self-fence, but fencing is disarmed: " + why.summary()));
            return;
        }
        phase = Phase.FENCED;
        xapi.stop();
        abandonWaiters(out);
        out.add(new Action.Log("self-fencing: " + why.summary()));
        out.add(new Action.SelfFence(why.with("liveset", current).with("pool_state", poolState().name())));
    }

    /**
     * Pets the watchdog unless the statefile cycle in flight is stuck past xhad's statefile watchdog; the first
     * tick it does not, the journal says why, since the watchdog, not this daemon, will reset the host.
     */
    protected final void pet(long now, boolean sr2, List<Action> out) {
        long lastWrite = lastWritingCycleStartedAt >= 0 ? lastWritingCycleStartedAt : cycleStartedAt;
        if (!(cycleInFlight && !sr2 && now - lastWrite > petCutoff)) {
            unpettedSince = -1;
            out.add(new Action.PetWatchdog());
        } else if (unpettedSince != cycleStartedAt) {
            unpettedSince = cycleStartedAt;
            out.add(new Action.Record(JournalEvent.of(EventKind.WATCHDOG_UNPETTED, "stopped petting the watchdog:"
                    + " a statefile access has been stuck for " + seconds(now - cycleStartedAt) + " (xhad's statefile"
                    + " watchdog); the watchdog resets this host unless the access completes")
                    .with("statefile_access_stuck_ms", (now - cycleStartedAt) / MS)
                    .with("since_last_write_ms", (now - lastWrite) / MS)
                    .with("cutoff_ms", petCutoff / MS)
                    .with("armed", armed)));
        }
    }

    // ---- xapi's health (spec §7.4) ----

    /**
     * Whether this host may fence itself for xapi's health: false for a stack whose manager is the one fencer
     * (stacks.md §5), which this daemon cannot ask to fence.
     */
    protected boolean fencesForXapi() {
        return true;
    }

    private void xapiVerdict(XapiWatch.Verdict v, List<Action> out) {
        if (v.fence().isEmpty()) {
            return;
        }
        if (fencesForXapi()) {
            selfFence(v.fence().get(), out);
        } else {
            out.add(new Action.Log("WARNING " + v.fence().get().summary() + "; this host does not fence itself: its"
                    + " cluster manager is the one fencer, and xapi stays down"));
        }
    }

    /** Milliseconds since this host began restarting xapi (its heartbeats and section say it), or -1. */
    protected final int xapiRestartAgeMs(long now) {
        long since = xapi.restartingSince();
        return since < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, Math.max(0, (now - since) / MS));
    }

    /** The output of this host's last failed health check, printable, at most 100 characters (its heartbeats). */
    protected final String xapiError() {
        return xapi.error();
    }

    /**
     * What this host knows of each peer's xapi: since when it has been restarting it (my nanoTime, or -1) and
     * its last error. Here, from the peers' statefile sections (their {@code since_xapi_restart_first_attempted},
     * carried to the time their section last changed); an engine with a richer channel (xhad's heartbeats) says
     * more. {@code since} and {@code errors} come filled with -1 and "".
     */
    protected void peersXapi(long now, long[] since, String[] errors) {
        long[] updated = sections.updateTimes();
        for (int i = 0; i < since.length; i++) {
            int ms = sections.section(i).map(HostSection::sinceXapiRestartFirstAttempted).orElse(-1);
            if (i != me && ms >= 0 && updated[i] >= 0) {
                since[i] = updated[i] - ms * MS;
            }
        }
    }

    private XapiView xapiView(long now) {
        int n = config.hostCount();
        long[] since = new long[n];
        String[] errors = new String[n];
        java.util.Arrays.fill(since, -1);
        java.util.Arrays.fill(errors, "");
        peersXapi(now, since, errors);
        since[me] = xapi.restartingSince();
        errors[me] = xapi.error();
        return new XapiView(xapi.latency(), xapi.checkStartedAt(), since, errors, xapi.checkState(now));
    }

    /** A duration for people: "12.3 s". */
    protected static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** A peer asked for accelerated cycles (SF_accelerate in its heartbeat). */
    protected final void acceleratedByPeer(long now) {
        acceleratedByPeerUntil = now + ACCELERATION_HOLD;
        nextCycle = Math.min(nextCycle, now + ACCELERATED_CYCLE);
    }

    /** One interval between two heartbeats sent (or two samples of the manager), for heartbeat_latency. */
    protected final void heartbeatInterval(long nanos) {
        heartbeatLatency.add(nanos / MS);
    }

    /** Whether my heartbeats ask the others to accelerate: only for my own reasons, never to forward theirs. */
    protected final boolean askingToAccelerate(long now) {
        return phase == Phase.STARTING || now < accelerateUntil || proposals.waiting() || engineAccelerating(now);
    }

    /**
     * Whether I have the statefile now: my last cycle read it, and the cycle in flight has not been stuck for
     * more than T2/2 (a hung path is a lost path; the simulator found a host whose stuck cycle left it judging
     * SR-1 on reads 10 s old, seed 2646).
     */
    protected final boolean hasStatefile(long now) {
        return access && !(cycleInFlight && now - cycleStartedAt > bigT2 / 2);
    }

    protected final boolean done() {
        return phase == Phase.ENDED || phase == Phase.FENCED;
    }

    protected final PoolState poolState() {
        return global == null ? PoolState.NONE : global.poolStateValue().orElse(PoolState.NONE);
    }

    /** Whether host {@code i}'s section, as last read, says it is a member of a liveset that holds me. */
    protected final boolean listsMeLive(int i) {
        return sections.section(i).map(x -> x.starting() == 0 && x.currentLiveset().contains(me)).orElse(false);
    }

    /** The limit of this start (§7.1): Tenable under INIT, Tboot otherwise. */
    protected final long startLimit() {
        return (poolState() == PoolState.INIT ? config.parameters().enableJoinTimeout()
                : config.parameters().bootJoinTimeout()).toNanos();
    }

    // ---- the master lock (spec §7.6) ----

    private void proposeMaster(long id, long now, List<Action> out) {
        if (phase != Phase.ONLINE) {
            out.add(new Action.Reply(id, ExitCode.INVALID_LOCALHOST_STATE, ""));
            return;
        }
        if (proposals.propose(id, current, global, now, out)) {
            accelerateUntil = now + ACCELERATION_HOLD;
            nextCycle = Math.min(nextCycle, now);
            if (proposals.step(current, global, hasStatefile(now), now, writes, out)) {
                nextCycle = now;
            }
        }
    }

    // ---- the statefile ----

    private Action cycle(long now) {
        cycleInFlight = true;
        cycleStartedAt = now;
        nextCycle = now + (accelerating(now) ? ACCELERATED_CYCLE : t2 + (jitter.nextInt(1001) - 500) * MS);
        LockKeeper lock = proposals.lock();
        lock.cycleStarted();
        Action.GlobalChange change = writes.begin();
        HostSectionBuilder own = HostSection.builder().sequence(++statefileSequence).hostIndex(me).hostUuid(myId)
                .excluded(excluded).starting(phase == Phase.STARTING).sinceXapiRestartFirstAttempted(xapiRestartAgeMs(now))
                .currentLiveset(current).lockRequest(lock.requesting()).lockGrant(lock.grants()).weight(1);
        List<Integer> sinceSf = sections.msSinceUpdates(now);
        for (int i = 0; i < config.hostCount(); i++) {
            own.sinceLastSfUpdate(i, sinceSf.get(i));
        }
        describe(own, now);
        return new Action.StatefileCycle(own.build(), change);
    }

    /** Spec §5.5 and §7.8: what the global section may say to a running daemon. */
    private void checkGlobal(GlobalSection g, List<Action> out) {
        PoolState pool = g.poolStateValue().orElse(PoolState.NONE);
        if (!g.generationMatches(config.generation())) {
            end(ExitCode.GENERATION_UUID_MISMATCH, true, "the statefile now belongs to another generation", out);
        } else if (g.faults(Optional.empty()).contains(SectionFault.VERSION)) {
            end(ExitCode.INVALID_STATE_FILE, true, "the statefile version changed", out);
        } else if (pool == PoolState.INVALID) {
            end(ExitCode.INVALID_POOL_STATE, true, "pool state INVALID: HA disabled, stopping cleanly", out);
        } else if (pool == PoolState.INIT && phase == Phase.ONLINE && !writes.poolStateChanging()) {
            end(ExitCode.INVALID_POOL_STATE, true, "pool state INIT while running: the statefile was re-initialised",
                    out);
        }
    }

    private void lose(String why, List<Action> out) {
        if (access) {
            out.add(new Action.Log("statefile access lost: " + why));
            accessLostRecorded = true;
            out.add(new Action.Record(JournalEvent.of(EventKind.STATEFILE_ACCESS, "statefile access lost: " + why)
                    .with("access", false)));
        }
        access = false;
        writes.failAll(ExitCode.CAN_NOT_ACCESS_STATEFILE, out); // what waits for the disk hears 8
    }

    /** The journal's record of what changed in the global section: the pool state and the master. */
    private void recordGlobalChanges(GlobalSection before, GlobalSection after, List<Action> out) {
        Optional<PoolState> was = before == null ? Optional.empty() : before.poolStateValue();
        Optional<PoolState> now = after.poolStateValue();
        if (before != null && !was.equals(now)) {
            out.add(new Action.Record(JournalEvent.of(EventKind.POOL_STATE, "the pool state is now "
                    + now.map(Enum::name).orElse("unreadable") + " (was " + was.map(Enum::name).orElse("unreadable")
                    + ")").with("pool_state", now.map(Enum::name).orElse("")).with("was", was.map(Enum::name)
                    .orElse(""))));
        }
        Optional<HaUuid> master = after.masterHost();
        Optional<HaUuid> previous = before == null ? Optional.empty() : before.masterHost();
        if (before != null && !master.equals(previous) || before == null && master.isPresent() && phase == Phase.ONLINE) {
            out.add(new Action.Record(JournalEvent.of(EventKind.MASTER_LOCK, master.map(m -> "the master lock is now"
                    + " held by " + describeHost(m)).orElse("nobody holds the master lock") + previous.map(p -> " (was "
                    + describeHost(p) + ")").orElse("")).with("master", master.map(HaUuid::toString).orElse(""))
                    .with("master_index", master.flatMap(config::host).map(h -> h.index()).orElse(-1))
                    .with("was", previous.map(HaUuid::toString).orElse(""))));
        }
    }

    private String describeHost(HaUuid id) {
        return id.equals(myId) ? "this host" : config.host(id).map(h -> "host " + h.index()).orElse("host " + id);
    }

    /** Every script still waiting on this engine hears that the daemon is going. */
    private void abandonWaiters(List<Action> out) {
        proposals.abandon(out);
        writes.failAll(ExitCode.DAEMON_IS_NOT_PRESENT, out);
    }

    /** Joining, a lock request, the engine's own reasons or a peer's flag: cycles every 400 ms. */
    private boolean accelerating(long now) {
        return askingToAccelerate(now) || now < acceleratedByPeerUntil;
    }

    protected final SmPhase startingOr(SmPhase running) {
        return phase == Phase.STARTING ? SmPhase.STARTING : running;
    }
}
