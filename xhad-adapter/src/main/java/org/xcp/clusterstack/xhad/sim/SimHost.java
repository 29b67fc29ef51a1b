package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.common.core.EngineView;
import org.xcp.clusterstack.common.core.Request;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatPacket;
import org.xcp.clusterstack.xhad.heartbeat.HeartbeatWire;
import org.xcp.clusterstack.xhad.heartbeat.SequenceFilter;

/**
 * One run of one host's daemon: its core, what the daemon host around it would hold (the UDP receiver's
 * sequence filter, queued script requests, the fencer's armed flag, the watchdog's last refresh) and what
 * happened to it, in virtual time since the pool began. A run is <em>dead</em> once the host crashed, fenced
 * itself or was reset by its watchdog; a <em>hung</em> run is alive but takes no turns. A restarted host is a
 * new {@code SimHost}; the old one stays for inspection.
 */
public final class SimHost {
    private final int index;
    private final int run;
    private final XhadCore core;
    private final LongSupplier clock;
    private final Duration startedAt;
    final SequenceFilter sequences = new SequenceFilter();
    /** A keyed pool's host: what its UdpHeartbeat's wire does (null in an unkeyed pool: {@link #sequences}). */
    HeartbeatWire wire;
    final Deque<Request> inbox = new ArrayDeque<>();
    HostSet hbdomain = HostSet.EMPTY;
    private final List<String> log = new ArrayList<>();
    /** The event journal this run wrote (what the daemon host would sync to disk). */
    private final List<JournalEvent> journal = new ArrayList<>();
    /** Hosts whose leaving this run's journal explained and the invariants have not yet matched to a drop. */
    private final java.util.Set<Integer> explainedDrops = new java.util.HashSet<>();
    private Optional<Duration> onlineAt = Optional.empty();
    private Optional<Action.End> end = Optional.empty();
    private Optional<Duration> endedAt = Optional.empty();
    private Optional<Duration> lastHeartbeatSent = Optional.empty();
    private boolean armed;
    private Optional<Duration> deadSince = Optional.empty();
    private Optional<String> death = Optional.empty();
    private Optional<Duration> fencedAt = Optional.empty();
    private Optional<String> fenceReason = Optional.empty();
    private boolean fencedWhileDisarmed;
    private Optional<Duration> lastPet = Optional.empty();
    private Optional<Duration> hungSince = Optional.empty();
    private Optional<HeartbeatPacket> lastHeartbeat = Optional.empty();
    private EngineView cachedView;
    private long cachedAt;

    SimHost(int index, int run, DaemonConfig config, XhadCore core, LongSupplier clock, Duration startedAt) {
        this.index = index;
        this.run = run;
        this.core = core;
        this.clock = clock;
        this.startedAt = startedAt;
        if (config.localHost().index() != index) {
            throw new IllegalArgumentException("config of host " + config.localHost().index() + " for " + index);
        }
    }

    public int index() {
        return index;
    }

    /** 1 for the first start of this host, 2 after one restart, ... */
    public int run() {
        return run;
    }

    /**
     * The core, for a call that may change its state: the cached view is dropped. Every input reaches the
     * core through here.
     */
    XhadCore core() {
        cachedView = null;
        return core;
    }

    /** The daemon exists: it has not ended and the host is not dead (a hung daemon still runs). */
    public boolean running() {
        return end.isEmpty() && deadSince.isEmpty();
    }

    /** Running and not hung: it takes its turns. */
    public boolean active() {
        return running() && hungSince.isEmpty();
    }

    /** The host has not crashed, fenced or been reset (its daemon may have ended). */
    public boolean alive() {
        return deadSince.isEmpty();
    }

    public Optional<Duration> deadSince() {
        return deadSince;
    }

    /** Why the host died: "crash", the self-fence's reason, or the watchdog. */
    public Optional<String> death() {
        return death;
    }

    /** When the host reset itself (SelfFence) or its watchdog reset it. */
    public Optional<Duration> fencedAt() {
        return fencedAt;
    }

    public Optional<String> fenceReason() {
        return fenceReason;
    }

    /** A SelfFence arrived while the fencer was disarmed: the core broke its contract (only while armed). */
    public boolean fencedWhileDisarmed() {
        return fencedWhileDisarmed;
    }

    public Optional<Duration> lastPet() {
        return lastPet;
    }

    public boolean hung() {
        return running() && hungSince.isPresent();
    }

    public Optional<Duration> hungSince() {
        return hungSince;
    }

    /** The last heartbeat this run sent: its phase and flags as its peers see them. */
    public Optional<HeartbeatPacket> lastHeartbeat() {
        return lastHeartbeat;
    }

    public boolean online() {
        return running() && core.state() == HostState.ONLINE;
    }

    /** What the core knows now; made once per instant and input, since observers ask for it every step. */
    public EngineView view() {
        long now = clock.getAsLong();
        if (cachedView == null || cachedAt != now) {
            cachedView = core.view(now);
            cachedAt = now;
        }
        return cachedView;
    }

    public HostSet liveset() {
        return view().currentLiveset();
    }

    public Duration startedAt() {
        return startedAt;
    }

    public Optional<Duration> onlineAt() {
        return onlineAt;
    }

    public Optional<Action.End> end() {
        return end;
    }

    public Optional<Duration> endedAt() {
        return endedAt;
    }

    /** Whether the fencer is armed, as the daemon host would have left it (the exit-19 trap keeps it). */
    public boolean armed() {
        return armed;
    }

    public Optional<Duration> lastHeartbeatSent() {
        return lastHeartbeatSent;
    }

    public List<String> log() {
        return List.copyOf(log);
    }

    void becameOnline(Duration at) {
        onlineAt = Optional.of(at);
    }

    void ended(Action.End e, Duration at) {
        end = Optional.of(e);
        endedAt = Optional.of(at);
        armed = armed && !e.disarm();
        inbox.clear();
    }

    void armed(boolean value, Duration at) {
        if (value && !armed) {
            lastPet = Optional.of(at); // arming sets the watchdog going from now
        }
        armed = value;
    }

    void sentHeartbeat(HeartbeatPacket p, Duration at) {
        lastHeartbeatSent = Optional.of(at);
        lastHeartbeat = Optional.of(p);
    }

    void petted(Duration at) {
        lastPet = Optional.of(at);
    }

    void died(String why, Duration at) {
        if (deadSince.isEmpty()) {
            deadSince = Optional.of(at);
            death = Optional.of(why);
            inbox.clear();
        }
    }

    void fenced(String why, Duration at) {
        if (deadSince.isEmpty()) {
            fencedWhileDisarmed = !armed;
            fencedAt = Optional.of(at);
            fenceReason = Optional.of(why);
            died(why, at);
        }
    }

    void hang(Duration at) {
        hungSince = Optional.of(at);
    }

    void resume() {
        hungSince = Optional.empty();
    }

    void log(String line) {
        log.add(line);
    }

    void recorded(JournalEvent event) {
        journal.add(event);
        if (event.kind() == EventKind.HOST_DROPPED) {
            explainedDrops.add((Integer) event.evidence().get("host"));
        }
    }

    public List<JournalEvent> journal() {
        return List.copyOf(journal);
    }

    /** Whether the journal explained host {@code j}'s leaving this run's liveset (each record explains one drop). */
    boolean explainedDrop(int j) {
        return explainedDrops.remove(j);
    }

    @Override
    public String toString() {
        String state = deadSince.isPresent() ? "DEAD at " + deadSince.get() + " (" + death.orElseThrow() + ")"
                + end.map(e -> ", daemon had ended " + e.code()).orElse("") : hung() ? "HUNG since " + hungSince.get()
                : end.map(e -> "ENDED " + e.code() + " (" + e.code().number() + ") at " + endedAt.orElseThrow()
                + (e.disarm() ? "" : ", not disarmed")).orElse(core.state().toString());
        String views = alive() ? " liveset " + liveset() + " hb " + view().hbdomain() + " sf " + view().sfdomain()
                + " access " + view().statefileAccess() : "";
        return "host " + index + " run " + run + ": " + state + ", started " + startedAt
                + onlineAt.map(t -> ", online " + t).orElse("") + (armed ? ", armed" : ", disarmed")
                + lastPet.map(t -> ", last pet " + t).orElse("") + views;
    }
}
