package org.xcp.clusterstack.poolstatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.StatefileImage;

/**
 * Makes the {@link PoolPicture} of a {@link PoolEvidence}: each host's state from the sections, the liveset from
 * the viewing section (this host's while its daemon runs, else the first running host's), survival from the stack's
 * rule, and every warning with its fix.
 */
public final class PoolPictures {
    private final PoolEvidence e;
    private final DaemonConfig config;
    private final StatefileImage image;
    private final int me;
    private final long heartbeatTimeoutMs;
    private final long statefileTimeoutMs;

    private PoolPictures(PoolEvidence evidence) {
        this.e = evidence;
        this.config = evidence.config();
        this.image = evidence.statefile();
        this.me = config.localHost().index();
        this.heartbeatTimeoutMs = config.parameters().heartbeatTimeout().toMillis();
        this.statefileTimeoutMs = config.parameters().statefileTimeout().toMillis();
    }

    public static PoolPicture of(PoolEvidence evidence) {
        return new PoolPictures(evidence).picture();
    }

    private PoolPicture picture() {
        OptionalInt view = viewingHost();
        List<HostPicture> hosts = new ArrayList<>();
        for (ConfiguredHost h : config.hosts()) {
            hosts.add(host(h, view));
        }
        PoolAtRest pool = atRest(hosts);
        OptionalInt survives = e.rule().failuresSurvived(pool);
        String poolState = image.global().poolStateValue().map(PoolState::name)
                .orElse("unknown (" + image.global().poolState() + ")");
        OptionalInt master = image.global().masterHost().flatMap(config::host).map(h -> OptionalInt.of(h.index()))
                .orElse(OptionalInt.empty());
        List<PoolWarning> warnings = new Warnings(hosts, pool, survives, poolState).all();
        return new PoolPicture(e.stack(), e.fencer(), poolState, master, lockHolder(hosts), view, survives,
                e.rule().name(), pool, hosts, warnings);
    }

    /** The pool as the rule is asked about it: the hosts online now, those writing the statefile, the excluded. */
    static PoolAtRest atRest(List<HostPicture> hosts, StatefileImage image) {
        HostSet live = HostSet.EMPTY;
        HostSet excluded = HostSet.EMPTY;
        for (HostPicture h : hosts) {
            if (h.state() == HostState.ONLINE) {
                live = live.with(h.index());
            }
            if (h.excludedFlag()) {
                excluded = excluded.with(h.index());
            }
        }
        HostSet writing = live.filter(i -> hosts.get(i).running());
        return new PoolAtRest(HostSet.firstN(hosts.size()), live, writing, excluded, i -> image.host(i).weight());
    }

    private PoolAtRest atRest(List<HostPicture> hosts) {
        return atRest(hosts, image);
    }

    /** This host's section while its daemon is Online; else the lowest host whose section says it is live. */
    private OptionalInt viewingHost() {
        if (e.local().online() && valid(me)) {
            return OptionalInt.of(me);
        }
        for (int i = 0; i < config.hostCount(); i++) {
            HostSection s = image.host(i);
            if (i != me && valid(i) && s.excluded() == 0 && s.starting() == 0 && s.currentLiveset().contains(i)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private boolean valid(int i) {
        HostSection s = image.host(i);
        return s.faults().isEmpty() && s.hostIndex() == i;
    }

    private HostPicture host(ConfiguredHost h, OptionalInt view) {
        int i = h.index();
        boolean ok = valid(i);
        HostSection s = image.host(i);
        Optional<HostSection> viewer = view.isPresent() ? Optional.of(image.host(view.getAsInt())) : Optional.empty();
        HostSet liveset = viewer.map(HostSection::currentLiveset).orElse(HostSet.EMPTY);
        // another host runs if the viewing host saw its section change within T2 and counts it live or starting:
        // a section written by its scripts' client alone (ha_set_excluded with no daemon) is not a running daemon
        boolean running;
        if (i == me) {
            running = e.local().running();
        } else if (view.isPresent() && view.getAsInt() == i) {
            running = true;
        } else {
            running = ok && viewer.map(v -> age(v.sinceLastSfUpdate().get(i)).map(ms -> ms <= statefileTimeoutMs).orElse(false))
                    .orElse(false) && (liveset.contains(i) || s.starting() != 0);
        }
        boolean excluded = ok && s.excluded() != 0;
        boolean starting = i == me ? e.local().starting() : ok && running && s.starting() != 0;
        HostState state;
        if (excluded) {
            state = HostState.EXCLUDED;
        } else if (starting) {
            state = HostState.STARTING;
        } else if (i == me ? e.local().online() : running && liveset.contains(i)) {
            state = HostState.ONLINE;
        } else {
            state = HostState.ABSENT;
        }
        Optional<Boolean> armed = i == me ? e.local().armed() : Optional.empty();
        HostSet sees = ok && running && state == HostState.ONLINE ? s.currentLiveset().intersect(
                HostSet.firstN(config.hostCount())) : HostSet.EMPTY;
        Optional<Double> hb = viewer.flatMap(v -> age(v.sinceLastHbReceipt().get(i))).map(ms -> share(ms, heartbeatTimeoutMs));
        Optional<Double> sf = viewer.flatMap(v -> age(v.sinceLastSfUpdate().get(i))).map(ms -> share(ms, statefileTimeoutMs));
        return new HostPicture(i, h.id(), h.address().getHostAddress(), i == me, state, armed, sees, hb, sf, excluded,
                starting, ok && s.lockRequest() != 0, running);
    }

    private static Optional<Long> age(int ms) {
        return ms < 0 ? Optional.empty() : Optional.of((long) ms);
    }

    private static double share(long ms, long timeoutMs) {
        return Math.round(ms * 100.0 / timeoutMs) / 100.0;
    }

    /** The host that asks for the lock and that every online host grants it to. */
    private OptionalInt lockHolder(List<HostPicture> hosts) {
        List<HostPicture> online = hosts.stream().filter(h -> h.state() == HostState.ONLINE).toList();
        for (HostPicture h : online) {
            if (h.requestsLock() && online.stream().allMatch(o -> image.host(o.index())
                    .lockGrantWithin(config.hostCount()).contains(h.index()))) {
                return OptionalInt.of(h.index());
            }
        }
        return OptionalInt.empty();
    }

    private final class Warnings {
        private final List<HostPicture> hosts;
        private final PoolAtRest pool;
        private final OptionalInt survives;
        private final String poolState;
        private final List<PoolWarning> out = new ArrayList<>();

        Warnings(List<HostPicture> hosts, PoolAtRest pool, OptionalInt survives, String poolState) {
            this.hosts = hosts;
            this.pool = pool;
            this.survives = survives;
            this.poolState = poolState;
        }

        List<PoolWarning> all() {
            poolState();
            twoHosts();
            storage();
            fencers();
            perHost();
            survival();
            return out;
        }

        private void add(WarningCode code, String message, String fix) {
            out.add(new PoolWarning(code, message, fix));
        }

        private void poolState() {
            if (!poolState.equals(PoolState.ACTIVE.name())) {
                add(WarningCode.POOL_NOT_ACTIVE, "the statefile's pool state is " + poolState + ", not ACTIVE",
                        "xapi sets ACTIVE when it enables HA; INVALID means HA was disabled and INIT that it is being"
                                + " enabled: enable HA from xapi (xe pool-ha-enable), or see cluster-stack recover");
            }
        }

        private void twoHosts() {
            if (config.hostCount() != 2) {
                return;
            }
            HostSet both = HostSet.firstN(2);
            PoolAtRest whole = new PoolAtRest(both, both, both, HostSet.EMPTY, pool.weight());
            Optional<HostSet> survivors = e.rule().survivorsOfSplit(whole, HostSet.of(0));
            String verdict;
            if (survivors.isEmpty()) {
                verdict = "who survives a split is decided by " + e.rule().name() + ", which this host cannot ask now";
            } else if (survivors.get().size() == 1) {
                int winner = survivors.get().toArray()[0];
                int loser = 1 - winner;
                verdict = "if the network between its hosts is cut, host " + loser + " (" + name(loser)
                        + ") fences itself and host " + winner + " (" + name(winner) + ") keeps running, by "
                        + e.rule().name();
            } else if (survivors.get().isEmpty()) {
                verdict = "if the network between its hosts is cut, both fence themselves, by " + e.rule().name();
            } else {
                verdict = "if the network between its hosts is cut, both stay running (split brain), by "
                        + e.rule().name();
            }
            add(WarningCode.TWO_HOST_POOL, "a 2-host pool: " + verdict,
                    "add a third host, so that a split or a failure leaves a majority; until then give the heartbeat"
                            + " network a second path (a bond) so that a cut is unlikely");
        }

        private String name(int index) {
            return config.hosts().get(index).id().dashed();
        }

        private void storage() {
            if (e.storage().isEmpty()) {
                return;
            }
            StorageTimeout storage = e.storage().get();
            DaemonParameters p = config.parameters();
            List<String> below = new ArrayList<>();
            if (storage.exceeds(p.heartbeatTimeout())) {
                below.add("HeartbeatTimeout " + p.heartbeatTimeout().toSeconds() + " s");
            }
            if (storage.exceeds(p.statefileTimeout())) {
                below.add("StateFileTimeout " + p.statefileTimeout().toSeconds() + " s");
            }
            if (below.isEmpty()) {
                return;
            }
            add(WarningCode.TIMEOUT_BELOW_STORAGE, String.join(" and ", below) + " below the storage's I/O timeout, "
                    + storage.describe() + " (" + storage.source() + "): a path failover looks like a lost"
                    + " statefile and fences hosts",
                    storage.unbounded() ? "bound the storage's queueing (multipath no_path_retry N, not queue) so that"
                            + " N x polling_interval stays below the HA timeout"
                            : "raise the HA timeout above " + storage.timeout().orElseThrow().toSeconds()
                            + " s (xe pool-ha-enable ... ha-config:timeout=SECONDS sets both), or shorten the"
                            + " storage's failover (multipath no_path_retry x polling_interval)");
        }

        private void fencers() {
            if (e.fencers().isEmpty()) {
                return;
            }
            String found = e.fencers().stream().map(f -> f.what() + " (" + f.evidence() + ")")
                    .collect(Collectors.joining("; "));
            add(WarningCode.SECOND_FENCER, "a second fencer is active on host " + me + " (this host) besides "
                    + e.stack() + "'s own (" + e.fencer() + "): " + found,
                    "stop it or leave fencing to one of them: two fencers reset the host on either one's verdict,"
                            + " and the pool's survivors cannot tell when it is gone");
        }

        private void perHost() {
            Duration join = max(config.parameters().bootJoinTimeout(), config.parameters().enableJoinTimeout());
            for (HostPicture h : hosts) {
                String who = "host " + h.index() + (h.local() ? " (this host)" : "") + " " + h.uuid().dashed();
                if (h.state() == HostState.ONLINE && h.armed().equals(Optional.of(false))) {
                    add(WarningCode.FENCING_DISARMED, who + " is Online with fencing disarmed: if the pool loses"
                            + " it, it keeps running beside the survivors",
                            "disarming is for a host about to stop: finish with cluster-stack maintenance enter, or"
                                    + " re-arm by restarting its daemon (ha_stop_daemon, then ha_start_daemon)");
                }
                if (h.local() && h.state() == HostState.STARTING) {
                    e.local().startedAt().filter(t -> t.plus(join).isBefore(e.now())).ifPresent(t -> add(
                            WarningCode.STARTING_TOO_LONG, who + " has been Starting since " + t + ", past its join"
                                    + " timeout of " + join.toSeconds() + " s",
                            "it cannot join: cluster-stack recover says why and the one safe fix (a host must hear"
                                    + " every live host and reach the statefile to join)"));
                }
                if (h.excludedFlag() && h.running()) {
                    add(WarningCode.EXCLUDED_BUT_RUNNING, who + " has its excluded flag set but its daemon runs",
                            "if it is back for good clear the flag (cluster-stack maintenance exit on it); if it is"
                                    + " leaving, stop its daemon (ha_stop_daemon)");
                }
                if (h.state() == HostState.ABSENT) {
                    add(WarningCode.HOST_NOT_LIVE, who + " is not live and did not leave on purpose (no excluded"
                            + " flag)", "bring it back (xapi starts its daemon at boot: ha_start_daemon), or look"
                                    + " at why it left: cluster-stack why-fenced on it");
                }
            }
        }

        private void survival() {
            if (survives.isEmpty()) {
                add(WarningCode.SURVIVAL_UNKNOWN, "how many more host failures the pool survives cannot be told: "
                        + e.rule().name(), "on a corosync pool make corosync-quorumtool answer on this host;"
                                + " otherwise run pool status on a host whose daemon runs");
            } else if (survives.getAsInt() == 0 && !pool.live().isEmpty()) {
                add(WarningCode.NO_FAILURE_TOLERATED, "the pool survives no more host failure (" + pool.live().size()
                        + " live of " + config.hostCount() + ", by " + e.rule().name() + ")",
                        "bring back the hosts that are not live, or add a host, before any maintenance");
            }
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }
}
