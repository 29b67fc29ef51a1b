package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.api.HaScript.CLEAR_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;
import static org.xcp.clusterstack.verify.Check.Group.CONFIG;
import static org.xcp.clusterstack.verify.Check.Group.LIVESET;
import static org.xcp.clusterstack.verify.Check.Group.MASTER;
import static org.xcp.clusterstack.verify.Check.Group.NO_DAEMON;
import static org.xcp.clusterstack.verify.Check.Group.SHUTDOWN;
import static org.xcp.clusterstack.verify.Check.Group.START;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.manifest.FailoverWindow;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.SuggestedTimeouts;

/**
 * A stack's life on a private pool, in xapi's order (spec §1): the answers with no daemon, {@code init},
 * every host started at once, a second start (15), the liveset as xapi parses it, {@code propose_master} on
 * every host at once (exactly one TRUE), then a clean shutdown as xapi does it (disarm, stop, set_excluded),
 * a second stop (0). Then the behaviour xapi relies on when things go wrong, each on a pool of its own making
 * ({@link StartingChecks}, {@link RunningPoolChecks}, {@link FailoverChecks}), and last the start's config
 * errors (6, 7). A step that leaves nothing to test later steps on (a start that fails) ends its part of the
 * run; the hosts are always stopped.
 */
final class LifecycleChecks {
    private final PoolRunner pool;
    private final VerifyOptions options;
    private final boolean hasClearExcluded;

    LifecycleChecks(Path dir, PrivatePool pool, VerifyOptions options, ManifestDocument manifest,
            java.util.function.Consumer<Check> out) {
        ScriptRunner scripts = new ScriptRunner(dir);
        SuggestedTimeouts limits = manifest == null ? new SuggestedTimeouts(60, 130, 30) : manifest.timeouts();
        FailoverWindow failover = manifest == null ? FailoverWindow.XHAD : manifest.failoverWindow();
        this.pool = new PoolRunner(scripts, new HostControl(dir, pool, options, scripts), pool, options, limits,
                failover, out);
        this.options = options;
        this.hasClearExcluded = Files.isExecutable(dir.resolve(CLEAR_EXCLUDED.fileName()));
    }

    void run() {
        try {
            if (options.runs(NO_DAEMON)) {
                noDaemon();
            }
            if ((options.runs(START) || options.runs(LIVESET) || options.runs(MASTER) || options.runs(SHUTDOWN))
                    && start()) {
                liveset();
                master();
                shutdown();
            }
            pool.stopAll();
            new StartingChecks(pool).run();
            new RunningPoolChecks(pool).run();
            new FailoverChecks(pool).run();
            if (options.runs(CONFIG)) {
                config();
            }
        } finally {
            pool.stopAll();
        }
    }

    private void noDaemon() {
        pool.expect(NO_DAEMON, pool.run(0, QUERY_LIVESET), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        pool.expect(NO_DAEMON, pool.run(0, PROPOSE_MASTER), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        pool.expect(NO_DAEMON, pool.run(0, DISARM_FENCING), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        pool.expect(NO_DAEMON, pool.run(0, STOP_DAEMON), ExitCode.SUCCESS, true);
    }

    private boolean start() {
        if (!pool.enable(START, 0)) {
            return false;
        }
        pool.expect(START, pool.run(0, START_DAEMON).named("a second ha_start_daemon on " + pool.name(0)),
                ExitCode.DAEMON_IS_PRESENT, true);
        return true;
    }

    private void liveset() {
        for (int i = 0; i < pool.size(); i++) {
            ScriptRunner.Run r = pool.run(i, QUERY_LIVESET);
            String exit = r.unless(ExitCode.SUCCESS);
            if (exit != null) {
                pool.fail(LIVESET, r.what(), exit);
                continue;
            }
            Liveset l;
            try {
                l = LivesetReader.read(r.stdout());
            } catch (HaException e) {
                pool.fail(LIVESET, r.what(), r.what() + " printed a liveset xapi would reject: " + e.getMessage());
                continue;
            }
            pool.fail(LIVESET, r.what(), check(i, l).map(s -> r.what() + " printed a liveset that " + s).orElse(null));
        }
    }

    private Optional<String> check(int i, Liveset l) {
        HaUuid me = pool.pool.uuid(i);
        if (l.status() != LivesetStatus.ONLINE) {
            return Optional.of("says " + l.status() + " after ha_start_daemon returned 0");
        }
        if (!l.localHost().equals(me)) {
            return Optional.of("names " + l.localHost().dashed() + " as the local host");
        }
        for (String id : pool.pool.hostIds) {
            HaUuid h = HaUuid.parse(id);
            if (l.hosts().stream().noneMatch(e -> e.id().equals(h))) {
                return Optional.of("lacks host " + id + " (xapi would never consider its VMs)");
            }
            if (l.rawStatus().isPresent() && l.rawStatus().get().hosts().stream().noneMatch(e -> e.id().equals(h))) {
                return Optional.of("lacks host_raw_data for " + id);
            }
        }
        if (l.hosts().stream().noneMatch(e -> e.id().equals(me) && e.live())) {
            return Optional.of("does not show the local host live");
        }
        return Optional.empty();
    }

    private void master() {
        pool.oneMaster(MASTER, IntStream.range(0, pool.size()).boxed().toList(), "after the enable");
    }

    private void shutdown() {
        for (ScriptRunner.Run r : pool.onEveryHost(i -> pool.run(i, DISARM_FENCING))) {
            pool.expect(SHUTDOWN, r, ExitCode.SUCCESS, true);
        }
        for (int i = pool.size() - 1; i >= 0; i--) {
            pool.expect(SHUTDOWN, pool.run(i, STOP_DAEMON), ExitCode.SUCCESS, true);
            pool.expect(SHUTDOWN, pool.run(i, QUERY_LIVESET).named("ha_query_liveset on " + pool.name(i)
                    + " after ha_stop_daemon"), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        }
        pool.expect(SHUTDOWN, pool.run(0, SET_EXCLUDED), ExitCode.SUCCESS, true);
        if (hasClearExcluded) {
            pool.expect(SHUTDOWN, pool.run(0, CLEAR_EXCLUDED), ExitCode.SUCCESS, true);
        }
        pool.expect(SHUTDOWN, pool.run(0, STOP_DAEMON).named("a second ha_stop_daemon on " + pool.name(0)),
                ExitCode.SUCCESS, true);
    }

    private void config() {
        PrivatePool p = pool.pool;
        Path missing = p.dir.resolve("missing.conf");
        pool.expect(CONFIG, pool.run(0, missing, START_DAEMON, pool.limits.startDaemon())
                .named("ha_start_daemon with a missing config"), ExitCode.CAN_NOT_READ_CONFIG_FILE, true);
        Path malformed = p.dir.resolve("malformed.conf");
        try {
            Files.writeString(malformed, Files.readString(p.configs.get(0)).replace("</common-config>", "</common>"));
        } catch (IOException e) {
            pool.fail(CONFIG, "malformed", "cannot write a malformed config in " + p.dir + ": " + e.getMessage());
            return;
        }
        pool.expect(CONFIG, pool.run(0, malformed, START_DAEMON, pool.limits.startDaemon())
                .named("ha_start_daemon with a malformed config"), ExitCode.INVALID_CONFIG_FILE, true);
        pool.run(0, STOP_DAEMON); // in case a broken stack started one anyway
    }

    static List<Integer> all(PoolRunner pool) {
        return IntStream.range(0, pool.size()).boxed().toList();
    }
}
