package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;
import static org.xcp.clusterstack.verify.Check.Group.FAILOVER;
import static org.xcp.clusterstack.verify.Check.Group.POOL_STATE;
import static org.xcp.clusterstack.verify.Check.Group.STATEFILE_LOSS;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetStatus;

/**
 * A pool that loses hosts, on one enable: the master stops answering (a crash), then a slave loses the
 * statefile, then INIT is written from a host without a daemon while the others run. What xapi's monitor
 * (every 20 s) and its slaves' master-failure path see in the survivors' livesets.
 */
final class FailoverChecks {
    /** What verify allows past the manifest's latest bound: one sample, one query, the JVM. */
    static final int SLACK_SECONDS = 5;

    private final PoolRunner pool;

    FailoverChecks(PoolRunner pool) {
        this.pool = pool;
    }

    void run() {
        boolean failover = pool.options.runs(FAILOVER) && pool.size() >= 2;
        boolean loss = pool.options.runs(STATEFILE_LOSS) && pool.size() >= (failover ? 3 : 2);
        boolean init = pool.options.runs(POOL_STATE) && pool.size() >= 2;
        if (!failover && !loss && !init) {
            return;
        }
        Check.Group first = failover ? FAILOVER : loss ? STATEFILE_LOSS : POOL_STATE;
        try {
            if (!pool.enable(first, 0)) {
                return;
            }
            Optional<Integer> master = pool.oneMaster(first, LifecycleChecks.all(pool), "after the enable");
            if (master.isEmpty()) {
                return;
            }
            List<Integer> live = new ArrayList<>(LifecycleChecks.all(pool));
            if (failover) {
                live.remove(master.get());
                master = deadMaster(master.get(), live);
                if (master.isEmpty()) {
                    return;
                }
            }
            if (loss) {
                int master0 = master.get();
                int slave = live.stream().filter(h -> h != master0).findFirst().orElseThrow();
                slaveLosesStatefile(slave, master0);
                pool.run(slave, STOP_DAEMON);
                live.remove((Integer) slave);
            }
            if (init) {
                initWhileRunning(live);
            }
        } finally {
            pool.stopAll();
        }
    }

    /**
     * Spec §4.1, §7.3 (FH4), §7.9 and stacks.md §5.3: master M stops answering. Each survivor's liveset
     * shows M live until the stack's fence window has passed (never {@code liveness=FALSE} before the
     * manifest's earliest bound: xapi would restart M's VMs while M may still run them), then M
     * {@code liveness=FALSE} by the latest bound (else xapi never restarts them) and still {@code master=TRUE}
     * (the statefile's master field until a new master is written; a slave seeing its master dead and not master
     * would not look for a new one as xhad's slaves do). Then ha_propose_master on the survivors at once gives
     * exactly one TRUE, which every survivor's liveset then shows as master.
     */
    private Optional<Integer> deadMaster(int master, List<Integer> survivors) {
        int t = pool.pool.timeout();
        Duration earliest = pool.failover.earliest().at(t);
        Duration latest = pool.failover.latest().at(t);
        Instant crashed = Instant.now();
        Optional<String> crash = pool.hosts.crash(master);
        if (crash.isPresent()) {
            pool.fail(FAILOVER, "crash", crash.get());
            return Optional.empty();
        }
        Instant deadline = crashed.plus(latest).plusSeconds(SLACK_SECONDS);
        Map<Integer, Boolean> pending = new LinkedHashMap<>();
        survivors.forEach(s -> pending.put(s, true));
        while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
            for (int s : List.copyOf(pending.keySet())) {
                String name = "host " + master + " dropped by " + pool.name(s);
                ScriptRunner.Run r = pool.run(s, org.xcp.clusterstack.api.HaScript.QUERY_LIVESET);
                Duration after = Duration.between(crashed, Instant.now());
                Optional<Liveset> l = pool.parse(r);
                if (l.isEmpty() || l.get().status() != LivesetStatus.ONLINE) {
                    pending.remove(s);
                    pool.fail(FAILOVER, name, "ha_query_liveset on " + pool.name(s) + " " + (l.isEmpty()
                            ? (r.timedOut() ? "did not answer" : "exited " + r.status()) : "said " + l.get().status())
                            + " " + PoolRunner.seconds(after) + " s after master " + pool.name(master) + " stopped"
                            + " answering; xapi's monitor stops on that and the survivor must stay Online");
                    continue;
                }
                Optional<HostEntry> e = pool.entry(l.get(), master);
                if (e.isPresent() && e.get().live()) {
                    continue;
                }
                pending.remove(s);
                if (e.isEmpty()) {
                    pool.fail(FAILOVER, name, pool.name(s) + "'s liveset lacks host " + master + " once it is dead");
                    continue;
                }
                pool.fail(FAILOVER, name, after.compareTo(earliest) >= 0 ? null // the query ended at 'after'
                        : pool.name(s) + " showed master " + pool.name(master) + " liveness=FALSE "
                        + PoolRunner.seconds(after) + " s after it stopped answering, before the stack's fence window"
                        + " (earliest " + PoolRunner.seconds(earliest) + " s: " + pool.failover.earliest()
                        + "); xapi restarts its VMs at once, maybe while they still run (stacks.md §5.3)");
                pool.fail(FAILOVER, "dead master still master on " + pool.name(s), e.get().master() ? null
                        : pool.name(s) + " showed the dead master " + pool.name(master) + " with master=FALSE; xhad"
                        + " keeps master=TRUE (the statefile's master field) until a new master is written (spec §4.1),"
                        + " and xapi's slaves look for a new master only when theirs is not live");
            }
            if (!pending.isEmpty()) {
                PoolRunner.sleep(PoolRunner.POLL);
            }
        }
        for (int s : pending.keySet()) {
            pool.fail(FAILOVER, "host " + master + " dropped by " + pool.name(s), pool.name(s) + " still showed master "
                    + pool.name(master) + " live " + PoolRunner.seconds(Duration.between(crashed, Instant.now()))
                    + " s after it stopped answering; the stack's window ends at " + PoolRunner.seconds(latest) + " s ("
                    + pool.failover.latest() + ", manifest failover), and xapi never restarts its VMs while it is live");
        }
        if (!pending.isEmpty()) {
            return Optional.empty();
        }
        Optional<Integer> next = pool.oneMaster(FAILOVER, survivors, "after the master stopped answering");
        next.ifPresent(m -> masterShown(FAILOVER, m, survivors));
        return next;
    }

    /** Spec §4.1: every host in {@code which} shows {@code master} live and master=TRUE within 2 t2. */
    private void masterShown(Check.Group group, int master, List<Integer> which) {
        Instant deadline = Instant.now().plusSeconds(2L * pool.pool.statefileInterval() + PoolRunner.SLACK_SECONDS);
        for (int s : which) {
            Optional<HostEntry> e = Optional.empty();
            do {
                e = pool.liveset(s).flatMap(l -> pool.entry(l, master));
                if (e.isPresent() && e.get().live() && e.get().master()) {
                    break;
                }
                PoolRunner.sleep(PoolRunner.POLL);
            } while (Instant.now().isBefore(deadline));
            boolean shown = e.isPresent() && e.get().live() && e.get().master();
            pool.fail(group, pool.name(s) + " shows the new master", shown ? null : pool.name(s) + " did not show "
                    + pool.name(master) + " live with master=TRUE within 2 t2 of its ha_propose_master TRUE (spec §4.1)");
        }
    }

    /**
     * Spec §4.2, §7.3 and stacks.md §5.3: a slave S loses the statefile while the pool runs (fault point
     * sf.ioerror). Until it is fenced, xapi on S reads S's liveset: it must show the live master with
     * {@code master=TRUE} (otherwise xapi's slave runs its master-failure path and proposes itself), and within
     * the stack's failover window S either shows its own {@code statefile_access=FALSE} or is fenced (its
     * daemon ends: the query exits 14), as xhad's survival rule fences a host that sees nobody on the statefile.
     */
    private void slaveLosesStatefile(int slave, int master) {
        String name = pool.name(slave) + " without the statefile";
        Optional<String> cut = pool.hosts.cutStatefile(slave);
        if (cut.isPresent()) {
            pool.fail(STATEFILE_LOSS, name, cut.get());
            return;
        }
        Instant began = Instant.now();
        Duration limit = pool.failover.latest().at(pool.pool.timeout()).plusSeconds(SLACK_SECONDS);
        while (Instant.now().isBefore(began.plus(limit))) {
            ScriptRunner.Run r = pool.run(slave, org.xcp.clusterstack.api.HaScript.QUERY_LIVESET);
            String after = PoolRunner.seconds(Duration.between(began, Instant.now())) + " s after it lost the statefile";
            if (r.status() == ExitCode.DAEMON_IS_NOT_PRESENT.number()) {
                pool.fail(STATEFILE_LOSS, name, null); // fenced
                return;
            }
            Optional<Liveset> l = pool.parse(r);
            if (l.isEmpty() || l.get().status() != LivesetStatus.ONLINE) {
                pool.fail(STATEFILE_LOSS, name, "ha_query_liveset on " + pool.name(slave) + " " + (l.isEmpty()
                        ? (r.timedOut() ? "did not answer" : "exited " + r.status() + " or printed what xapi rejects")
                        : "said " + l.get().status()) + " " + after + "; expected its liveset, or 14 once fenced");
                return;
            }
            Optional<HostEntry> m = pool.entry(l.get(), master);
            if (m.isEmpty() || !m.get().live() || !m.get().master()) {
                pool.fail(STATEFILE_LOSS, name, pool.name(slave) + " showed its master " + pool.name(master) + " "
                        + m.map(e -> "liveness=" + bool(e.live()) + " master=" + bool(e.master())).orElse("missing")
                        + " " + after + "; xapi's slave would start its master-failure path (spec §4.1, §4.3)");
                return;
            }
            Optional<HostEntry> own = pool.entry(l.get(), slave);
            if (own.isPresent() && !own.get().statefileAccess()) {
                pool.fail(STATEFILE_LOSS, name, null);
                return;
            }
            PoolRunner.sleep(PoolRunner.POLL);
        }
        pool.fail(STATEFILE_LOSS, name, pool.name(slave) + " still showed its own statefile_access=TRUE and was not"
                + " fenced " + PoolRunner.seconds(limit) + " s after it lost the statefile (spec §4.2, §7.3)");
    }

    /**
     * Spec §7.8: ha_set_pool_state init on a host without a daemon (exit 0) while the others run: each running
     * daemon sees INIT at its next statefile read and exits 11, so xapi's query on it exits 14.
     */
    private void initWhileRunning(List<Integer> running) {
        int from = -1;
        for (int h = pool.size() - 1; h >= 0; h--) {
            if (!running.contains(h)) {
                from = h;
                break;
            }
        }
        if (from < 0) {
            from = running.remove(running.size() - 1);
            pool.run(from, STOP_DAEMON);
        }
        if (running.isEmpty() || !pool.expect(POOL_STATE, pool.run(from, SET_POOL_STATE, "init").named(
                "ha_set_pool_state init on " + pool.name(from) + " (no daemon there) while " + pool.hostList(running)
                + " run"), ExitCode.SUCCESS, true)) {
            return;
        }
        pool.daemonsEnd(POOL_STATE, running, Duration.ofSeconds(2L * pool.pool.statefileInterval()
                + PoolRunner.SLACK_SECONDS), "after INIT was written");
    }

    private static String bool(boolean b) {
        return b ? "TRUE" : "FALSE";
    }
}
