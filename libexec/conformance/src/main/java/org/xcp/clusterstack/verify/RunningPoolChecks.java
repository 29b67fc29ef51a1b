package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.verify.Check.Group.EXCLUDED;
import static org.xcp.clusterstack.verify.Check.Group.STATEFILE_CHANGE;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;

/**
 * Changes made under a running pool that must end its daemons: ha_set_excluded on a host (spec §1.10), and
 * the statefile's version or GenerationUUID rewritten by someone else (spec §5.2, §7.1). A daemon that ends
 * is seen by xapi as ha_query_liveset exiting 14; each must end within 2 t2 (two statefile reads) and a
 * little slack.
 */
final class RunningPoolChecks {
    private final PoolRunner pool;

    RunningPoolChecks(PoolRunner pool) {
        this.pool = pool;
    }

    void run() {
        boolean excluded = pool.options.runs(EXCLUDED);
        boolean change = pool.options.runs(STATEFILE_CHANGE);
        if (!excluded && !change) {
            return;
        }
        try {
            if (!pool.enable(excluded ? EXCLUDED : STATEFILE_CHANGE, 0)) {
                return;
            }
            List<Integer> running = new ArrayList<>(LifecycleChecks.all(pool));
            if (excluded) {
                int host = pool.size() - 1;
                excludedWhileRunning(host);
                running.remove((Integer) host);
            }
            if (change) {
                if (running.isEmpty()) {
                    pool.stopAll();
                    if (!pool.enable(STATEFILE_CHANGE, 0)) {
                        return;
                    }
                    running = LifecycleChecks.all(pool);
                }
                versionChange(running);
            }
            pool.stopAll();
            if (change) {
                generationChange();
            }
        } finally {
            pool.stopAll();
        }
    }

    /**
     * Spec §1.10 and §7.7: ha_set_excluded on a host whose daemon runs, after ha_disarm_fencing as the C
     * daemon's trap needs. xapi sees exit 0, then that daemon ends (the C daemon exits 19): its query exits 14.
     */
    private void excludedWhileRunning(int host) {
        if (!pool.expect(EXCLUDED, pool.run(host, DISARM_FENCING), ExitCode.SUCCESS, true)
                || !pool.expect(EXCLUDED, pool.run(host, SET_EXCLUDED).named("ha_set_excluded on " + pool.name(host)
                        + " while its daemon runs"), ExitCode.SUCCESS, true)) {
            return;
        }
        pool.daemonsEnd(EXCLUDED, List.of(host), within(), "after ha_set_excluded");
    }

    /**
     * Spec §2 (exit 9) and §5.2: the global section's version becomes 3 under running daemons. Each daemon
     * ends at its next statefile read (xapi: the query exits 14), and a new ha_start_daemon exits 9.
     */
    private void versionChange(List<Integer> running) {
        try {
            StatefileEditor.version(pool.pool.statefile, 3);
        } catch (IOException | RuntimeException e) {
            pool.fail(STATEFILE_CHANGE, "version", "cannot rewrite the statefile's version: " + e.getMessage());
            return;
        }
        pool.daemonsEnd(STATEFILE_CHANGE, running, within(), "after the statefile's version became 3");
        pool.expect(STATEFILE_CHANGE, pool.run(0, START_DAEMON).named("ha_start_daemon on " + pool.name(0)
                + " with the statefile at version 3"), ExitCode.INVALID_STATE_FILE, true);
    }

    /**
     * Spec §2 (exit 10) and §7.1: the global section's GenerationUUID changes under running daemons (another
     * enable took the statefile). Each daemon ends (its query exits 14), and a new ha_start_daemon exits 10.
     */
    private void generationChange() {
        if (!pool.enable(STATEFILE_CHANGE, 0)) {
            return;
        }
        try {
            StatefileEditor.generation(pool.pool.statefile, HaUuid.parse(UUID.randomUUID().toString()));
        } catch (IOException | RuntimeException e) {
            pool.fail(STATEFILE_CHANGE, "generation", "cannot rewrite the statefile's generation: " + e.getMessage());
            return;
        }
        pool.daemonsEnd(STATEFILE_CHANGE, LifecycleChecks.all(pool), within(),
                "after the statefile's GenerationUUID changed");
        pool.expect(STATEFILE_CHANGE, pool.run(0, START_DAEMON).named("ha_start_daemon on " + pool.name(0)
                + " with another GenerationUUID in the statefile"), ExitCode.GENERATION_UUID_MISMATCH, true);
    }

    private Duration within() {
        return Duration.ofSeconds(2L * pool.pool.statefileInterval() + PoolRunner.SLACK_SECONDS);
    }
}
