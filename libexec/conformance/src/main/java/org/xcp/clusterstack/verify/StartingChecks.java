package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;
import static org.xcp.clusterstack.verify.Check.Group.EXCLUDED;
import static org.xcp.clusterstack.verify.Check.Group.STARTING;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetStatus;

/**
 * One host started while the others are down, the starts xapi makes at enable and at boot. Both need a
 * second host that stays down, so a one-host pool runs neither.
 */
final class StartingChecks {
    /** How long propose_master may take on a Starting host: it must answer, never wait (spec §1.8). */
    static final int PROMPT_SECONDS = 5;

    private final PoolRunner pool;

    StartingChecks(PoolRunner pool) {
        this.pool = pool;
    }

    void run() {
        if (pool.size() < 2) {
            return;
        }
        if (pool.options.runs(EXCLUDED)) {
            excludedHostAlone();
        }
        if (pool.options.runs(STARTING)) {
            initHostAlone();
        }
    }

    /**
     * Spec §7.1 step 4 and §7.7: pool ACTIVE, no liveset (no daemon runs), host 0 excluded, host 1 not. What
     * xapi sees when host 0 boots alone: ha_start_daemon waits out Tboot and exits 18, and host 0 does not form
     * a liveset of its own while the others, which did not leave on purpose, may still be running on the
     * statefile. Run with BootJoinTimeout = 2 T ({@link PrivatePool#shortJoinConfig}).
     */
    private void excludedHostAlone() {
        if (!pool.expect(EXCLUDED, pool.run(1, SET_POOL_STATE, "init"), ExitCode.SUCCESS, true)
                || !pool.expect(EXCLUDED, pool.run(1, SET_POOL_STATE, "active"), ExitCode.SUCCESS, true)
                || !pool.expect(EXCLUDED, pool.run(0, SET_EXCLUDED), ExitCode.SUCCESS, true)) {
            return;
        }
        int tboot = 2 * pool.pool.timeout();
        ScriptRunner.Run r = pool.run(0, pool.pool.shortJoinConfig(0), START_DAEMON, tboot + 30)
                .named("ha_start_daemon on the excluded " + pool.name(0) + " alone (BootJoinTimeout " + tboot + " s)");
        pool.expect(EXCLUDED, r, ExitCode.BOOT_BLOCKED_BY_EXCLUDED, true);
        pool.run(0, STOP_DAEMON);
    }

    /**
     * Spec §7.1 step 4, §7.8 and §1.8: pool INIT (an enable), host 0 started and the others not. While its
     * ha_start_daemon blocks, xapi sees ha_query_liveset say Starting and ha_propose_master exit 17 at once (a
     * blocking propose would hold xapi's one HA script slot); host 0 never goes Online alone, because INIT needs
     * every configured host. Watched for T (at least 10 s), then ha_stop_daemon.
     */
    private void initHostAlone() {
        if (!pool.expect(STARTING, pool.run(0, SET_POOL_STATE, "init"), ExitCode.SUCCESS, true)) {
            return;
        }
        Instant began = Instant.now();
        CompletableFuture<ScriptRunner.Run> start = pool.startInBackground(0, pool.pool.configs.get(0),
                pool.limits.startDaemon());
        try {
            if (starting(start, began)) {
                pool.expect(STARTING, pool.run(0, pool.pool.configs.get(0), PROPOSE_MASTER, PROMPT_SECONDS)
                        .named("ha_propose_master on " + pool.name(0) + " while it is Starting"),
                        ExitCode.INVALID_LOCALHOST_STATE, true);
                neverOnline(start, began, began.plusSeconds(Math.max(10, pool.pool.timeout())));
            }
        } finally {
            pool.expect(STARTING, pool.run(0, STOP_DAEMON).named("ha_stop_daemon on " + pool.name(0)
                    + " while it is Starting"), ExitCode.SUCCESS, true);
            // once stopped, the start may end with the daemon's own exit code, 0 for a clean stop (spec §1.5, §1.6)
            pool.fail(STARTING, "the start alone under INIT ends", finished(start) != null ? null : "ha_start_daemon on "
                    + pool.name(0) + " did not end " + pool.limits.script() + " s after ha_stop_daemon");
        }
    }

    /** Waits (up to 10 s) until host 0's liveset says Starting; records the check. */
    private boolean starting(CompletableFuture<ScriptRunner.Run> start, Instant began) {
        Instant deadline = began.plusSeconds(10);
        String last = "nothing";
        while (Instant.now().isBefore(deadline) && !start.isDone()) {
            ScriptRunner.Run r = pool.run(0, QUERY_LIVESET);
            Optional<Liveset> l = pool.parse(r);
            if (l.isPresent() && l.get().status() == LivesetStatus.STARTING) {
                pool.fail(STARTING, "Starting", null);
                return true;
            }
            if (l.isPresent() && l.get().status() == LivesetStatus.ONLINE) {
                pool.fail(STARTING, "Starting", "ha_query_liveset on " + pool.name(0) + " says Online "
                        + PoolRunner.seconds(Duration.between(began, Instant.now())) + " s after it was started alone"
                        + " under INIT; INIT needs every configured host (spec §7.1, §7.8)");
                return false;
            }
            last = r.timedOut() ? "no answer" : "exit " + r.status();
            PoolRunner.sleep(PoolRunner.POLL);
        }
        if (start.isDone()) {
            ScriptRunner.Run r = start.join();
            pool.fail(STARTING, "Starting", r.status() == 0 ? "ha_start_daemon on " + pool.name(0) + " alone under"
                    + " INIT exited 0 after " + PoolRunner.seconds(Duration.between(began, Instant.now())) + " s: the"
                    + " host went Online without the other configured hosts (spec §7.1, §7.8)"
                    : "ha_start_daemon on " + pool.name(0) + " alone under INIT ended at once: " + r.unless(ExitCode.SUCCESS)
                    + "; it must wait for the other hosts (spec §7.1)");
            return false;
        }
        pool.fail(STARTING, "Starting", "ha_query_liveset on " + pool.name(0) + " gave " + last + " for 10 s while its"
                + " ha_start_daemon blocked; expected a liveset with status Starting (spec §1.7)");
        return false;
    }

    /** Until {@code until}: neither the start returns 0 nor the liveset says Online. */
    private void neverOnline(CompletableFuture<ScriptRunner.Run> start, Instant began, Instant until) {
        while (Instant.now().isBefore(until)) {
            if (start.isDone() && start.join().status() == 0) {
                pool.fail(STARTING, "never Online alone", "ha_start_daemon on " + pool.name(0) + " alone under INIT"
                        + " exited 0 within " + PoolRunner.seconds(Duration.between(began, Instant.now()))
                        + " s: the host went Online without the other configured hosts (spec §7.1, §7.8)");
                return;
            }
            Optional<Liveset> l = pool.liveset(0);
            if (l.isPresent() && l.get().status() == LivesetStatus.ONLINE) {
                pool.fail(STARTING, "never Online alone", "ha_query_liveset on " + pool.name(0) + " says Online,"
                        + " listing " + l.get().hosts().stream().filter(e -> e.live()).count() + " live hosts, "
                        + PoolRunner.seconds(Duration.between(began, Instant.now())) + " s after it was started alone"
                        + " under INIT; INIT needs every configured host (spec §7.1, §7.8)");
                return;
            }
            PoolRunner.sleep(PoolRunner.POLL);
        }
        pool.fail(STARTING, "never Online alone", null);
    }

    private ScriptRunner.Run finished(CompletableFuture<ScriptRunner.Run> start) {
        try {
            return start.get(pool.limits.script(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return null;
        }
    }
}
