package org.xcp.clusterstack.daemon.managed.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.EngineView;
import org.xcp.clusterstack.common.core.Request;
import org.xcp.clusterstack.daemon.managed.ManagedCore;

/**
 * One run of one host's daemon: its {@link ManagedCore}, what {@code ManagedEngine} and the daemon host around it
 * hold (the sampler's command in flight, queued script requests, whether this run's fencing is armed) and what
 * happened to it, in virtual time since the pool began. A run ends (the core's End), is killed (the daemon
 * process dies, the host lives on) or dies with its host (crash, watchdog, self-fence, the manager's fencing).
 */
public final class ManagedRun {
    final int index;
    final int run;
    /** The host's incarnation this run belongs to: a reboot starts a new one. */
    final int incarnation;
    final DaemonConfig config;
    private final ManagedCore core;
    final Duration startedAt;
    final Deque<Request> inbox = new ArrayDeque<>();
    Optional<ManagerModel.Sample> sampling = Optional.empty();
    long nextSample;
    private final List<String> log = new ArrayList<>();
    private Optional<Duration> onlineAt = Optional.empty();
    private Optional<Action.End> end = Optional.empty();
    private Optional<Duration> endedAt = Optional.empty();
    private Optional<Duration> killedAt = Optional.empty();
    private Optional<Duration> hostDiedAt = Optional.empty();
    private boolean armed;
    private boolean disarmedByScript;
    private boolean armedOnce;
    private EngineView cached;
    private long cachedAt;

    ManagedRun(int index, int run, int incarnation, DaemonConfig config, ManagedCore core, Duration startedAt,
            long now) {
        this.index = index;
        this.run = run;
        this.incarnation = incarnation;
        this.config = config;
        this.core = core;
        this.startedAt = startedAt;
        this.nextSample = now; // the poller's first sample at once (ManagedEngine.open)
    }

    /** The core, for an input: the cached view is dropped. */
    ManagedCore core() {
        cached = null;
        return core;
    }

    EngineView view(long now) {
        if (cached == null || cachedAt != now) {
            cached = core.view(now);
            cachedAt = now;
        }
        return cached;
    }

    /** The daemon process exists: not ended, not killed, its host not dead. */
    public boolean running() {
        return end.isEmpty() && killedAt.isEmpty() && hostDiedAt.isEmpty();
    }

    public boolean online() {
        return running() && core.state() == HostState.ONLINE;
    }

    HostSet liveset(long now) {
        return view(now).currentLiveset();
    }

    /** The run has left on purpose: its fencing was disarmed by the script or by a clean end. */
    boolean disarmed() {
        return disarmedByScript || end.map(Action.End::disarm).orElse(false);
    }

    boolean armed() {
        return armed && running();
    }

    Optional<Duration> onlineAt() {
        return onlineAt;
    }

    Optional<Action.End> end() {
        return end;
    }

    Optional<Duration> endedAt() {
        return endedAt;
    }

    Optional<Duration> killedAt() {
        return killedAt;
    }

    Optional<Duration> hostDiedAt() {
        return hostDiedAt;
    }

    List<String> log() {
        return List.copyOf(log);
    }

    void becameOnline(Duration at) {
        onlineAt = Optional.of(at);
    }

    void ended(Action.End e, Duration at) {
        if (end.isEmpty()) {
            end = Optional.of(e);
            endedAt = Optional.of(at);
            armed = armed && !e.disarm();
            inbox.clear();
            sampling = Optional.empty();
        }
    }

    void killed(Duration at) {
        killedAt = Optional.of(at);
        inbox.clear();
        sampling = Optional.empty();
    }

    void hostDied(Duration at) {
        if (hostDiedAt.isEmpty()) {
            hostDiedAt = Optional.of(at);
            inbox.clear();
            sampling = Optional.empty();
        }
    }

    /** This run armed the fencer at some time: only then does its disarm or clean end close that watchdog. */
    boolean armedOnce() {
        return armedOnce;
    }

    void armed(boolean value, boolean byScript) {
        armedOnce = armedOnce || value;
        armed = value;
        disarmedByScript = disarmedByScript || byScript && !value;
    }

    void log(String line) {
        log.add(line);
    }

    /** Hosts whose leaving this run's journal explained, not yet matched to a drop by the invariants. */
    private final java.util.Set<Integer> explainedDrops = new java.util.HashSet<>();

    void recorded(org.xcp.clusterstack.api.journal.JournalEvent event) {
        if (event.kind() == org.xcp.clusterstack.api.journal.EventKind.HOST_DROPPED) {
            explainedDrops.add((Integer) event.evidence().get("host"));
        }
    }

    /** Whether the journal explained host {@code j}'s leaving this run's liveset (each record explains one drop). */
    boolean explainedDrop(int j) {
        return explainedDrops.remove(j);
    }

    @Override
    public String toString() {
        String state = hostDiedAt.map(t -> "HOST DIED at " + t).orElse(killedAt.map(t -> "KILLED at " + t)
                .orElse(end.map(e -> "ENDED " + e.code() + " (" + e.code().number() + ") at " + endedAt.orElseThrow()
                        + (e.disarm() ? "" : ", not disarmed")).orElse(core.state().toString())));
        long now = cachedAt;
        String views = running() && cached != null ? " liveset " + cached.currentLiveset() + " hb " + cached.hbdomain()
                + " sf " + cached.sfdomain() + " access " + cached.statefileAccess() : "";
        return "host " + index + " run " + run + " (incarnation " + incarnation + "): " + state + ", started "
                + startedAt + onlineAt.map(t -> ", online " + t).orElse("") + (armed ? ", armed" : ", disarmed")
                + (disarmedByScript ? " by script" : "") + views + (now == 0 ? "" : "");
    }
}
