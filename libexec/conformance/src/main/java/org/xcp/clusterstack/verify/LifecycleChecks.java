package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.api.HaScript.CLEAR_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.SuggestedTimeouts;

/**
 * A stack's life on a private pool, in xapi's order (spec §1): the answers with no daemon, {@code init},
 * every host started at once, a second start (15), the liveset as xapi parses it, {@code propose_master} on
 * every host at once (exactly one TRUE), then a clean shutdown as xapi does it (disarm, stop, set_excluded),
 * a second stop (0), and the start's config errors (6, 7). A step that leaves nothing to test later steps on
 * (a start that fails) ends the run; the hosts are always stopped.
 */
final class LifecycleChecks {
    private final ScriptRunner scripts;
    private final PrivatePool pool;
    private final VerifyOptions options;
    private final SuggestedTimeouts limits;
    private final Consumer<Check> out;
    private final boolean hasClearExcluded;

    LifecycleChecks(Path dir, PrivatePool pool, VerifyOptions options, ManifestDocument manifest, Consumer<Check> out) {
        this.scripts = new ScriptRunner(dir);
        this.pool = pool;
        this.options = options;
        this.limits = manifest == null ? new SuggestedTimeouts(60, 130, 30) : manifest.timeouts();
        this.out = out;
        this.hasClearExcluded = Files.isExecutable(dir.resolve(CLEAR_EXCLUDED.fileName()));
    }

    void run() {
        try {
            noDaemon();
            if (start()) {
                liveset();
                master();
                shutdown();
            }
            config();
        } finally {
            for (int i = 0; i < pool.size(); i++) {
                run(i, STOP_DAEMON);
            }
        }
    }

    private void noDaemon() {
        expect(NO_DAEMON, run(0, QUERY_LIVESET), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        expect(NO_DAEMON, run(0, PROPOSE_MASTER), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        expect(NO_DAEMON, run(0, DISARM_FENCING), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        expect(NO_DAEMON, run(0, STOP_DAEMON), ExitCode.SUCCESS, true);
    }

    private boolean start() {
        if (!expect(START, run(0, SET_POOL_STATE, "init"), ExitCode.SUCCESS, true)) {
            return false;
        }
        boolean all = true;
        for (ScriptRunner.Run r : onEveryHost(i -> run(i, START_DAEMON))) {
            all &= expect(START, r, ExitCode.SUCCESS, true);
        }
        if (all) {
            expect(START, run(0, START_DAEMON).named("a second ha_start_daemon on " + pool.name(0, options)),
                    ExitCode.DAEMON_IS_PRESENT, true);
        }
        return all;
    }

    private void liveset() {
        for (int i = 0; i < pool.size(); i++) {
            ScriptRunner.Run r = run(i, QUERY_LIVESET);
            String exit = r.unless(ExitCode.SUCCESS);
            if (exit != null) {
                fail(LIVESET, r.what(), exit);
                continue;
            }
            Liveset l;
            try {
                l = LivesetReader.read(r.stdout());
            } catch (HaException e) {
                fail(LIVESET, r.what(), r.what() + " printed a liveset xapi would reject: " + e.getMessage());
                continue;
            }
            fail(LIVESET, r.what(), check(i, l).map(s -> r.what() + " printed a liveset that " + s).orElse(null));
        }
    }

    private java.util.Optional<String> check(int i, Liveset l) {
        HaUuid me = HaUuid.parse(pool.hostIds.get(i));
        if (l.status() != LivesetStatus.ONLINE) {
            return java.util.Optional.of("says " + l.status() + " after ha_start_daemon returned 0");
        }
        if (!l.localHost().equals(me)) {
            return java.util.Optional.of("names " + l.localHost().dashed() + " as the local host");
        }
        for (String id : pool.hostIds) {
            HaUuid h = HaUuid.parse(id);
            if (l.hosts().stream().noneMatch(e -> e.id().equals(h))) {
                return java.util.Optional.of("lacks host " + id + " (xapi would never consider its VMs)");
            }
            if (l.rawStatus().isPresent() && l.rawStatus().get().hosts().stream().noneMatch(e -> e.id().equals(h))) {
                return java.util.Optional.of("lacks host_raw_data for " + id);
            }
        }
        if (l.hosts().stream().noneMatch(e -> e.id().equals(me) && e.live())) {
            return java.util.Optional.of("does not show the local host live");
        }
        return java.util.Optional.empty();
    }

    private void master() {
        List<ScriptRunner.Run> runs = onEveryHost(i -> run(i, PROPOSE_MASTER));
        int trues = 0;
        boolean answered = true;
        for (ScriptRunner.Run r : runs) {
            if (!expect(MASTER, r, ExitCode.SUCCESS, false)) {
                answered = false;
            } else if (r.stdout().equals("TRUE\n")) {
                trues++;
            } else if (!r.stdout().equals("FALSE\n")) {
                answered = false;
                fail(MASTER, r.what(), r.what() + " printed \"" + r.stdout().strip() + "\", expected TRUE or FALSE"
                        + " and a newline");
            }
        }
        if (answered) {
            fail(MASTER, "one master", trues == 1 ? null : "ha_propose_master on every host at once gave " + trues
                    + " TRUE answers, expected exactly one");
        }
    }

    private void shutdown() {
        for (ScriptRunner.Run r : onEveryHost(i -> run(i, DISARM_FENCING))) {
            expect(SHUTDOWN, r, ExitCode.SUCCESS, true);
        }
        for (int i = pool.size() - 1; i >= 0; i--) {
            expect(SHUTDOWN, run(i, STOP_DAEMON), ExitCode.SUCCESS, true);
            expect(SHUTDOWN, run(i, QUERY_LIVESET).named("ha_query_liveset on " + pool.name(i, options)
                    + " after ha_stop_daemon"), ExitCode.DAEMON_IS_NOT_PRESENT, true);
        }
        expect(SHUTDOWN, run(0, SET_EXCLUDED), ExitCode.SUCCESS, true);
        if (hasClearExcluded) {
            expect(SHUTDOWN, run(0, CLEAR_EXCLUDED), ExitCode.SUCCESS, true);
        }
        expect(SHUTDOWN, run(0, STOP_DAEMON).named("a second ha_stop_daemon on " + pool.name(0, options)),
                ExitCode.SUCCESS, true);
    }

    private void config() {
        Path missing = pool.dir.resolve("missing.conf");
        expect(CONFIG, scripts.run(pool.name(0, options), START_DAEMON, limits.startDaemon(), "-C", missing)
                .named("ha_start_daemon with a missing config"), ExitCode.CAN_NOT_READ_CONFIG_FILE, true);
        Path malformed = pool.dir.resolve("malformed.conf");
        try {
            Files.writeString(malformed, Files.readString(pool.configs.get(0)).replace("</common-config>", "</common>"));
        } catch (IOException e) {
            fail(CONFIG, "malformed", "cannot write a malformed config in " + pool.dir + ": " + e.getMessage());
            return;
        }
        expect(CONFIG, scripts.run(pool.name(0, options), START_DAEMON, limits.startDaemon(), "-C", malformed)
                .named("ha_start_daemon with a malformed config"), ExitCode.INVALID_CONFIG_FILE, true);
        run(0, STOP_DAEMON); // in case a broken stack started one anyway
    }

    private ScriptRunner.Run run(int host, HaScript script, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.add("-C");
        all.add(pool.configs.get(host));
        int limit = script == START_DAEMON ? limits.startDaemon() : limits.script();
        return scripts.run(pool.name(host, options), script, limit, all.toArray());
    }

    /** Runs on every host at once, as xapi runs ha_start_daemon; results in host order. */
    private List<ScriptRunner.Run> onEveryHost(IntFunction<ScriptRunner.Run> step) {
        ExecutorService threads = Executors.newFixedThreadPool(pool.size());
        try {
            List<CompletableFuture<ScriptRunner.Run>> runs = new ArrayList<>();
            for (int i = 0; i < pool.size(); i++) {
                int host = i;
                runs.add(CompletableFuture.supplyAsync(() -> step.apply(host), threads));
            }
            return runs.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    /** Records a check of the exit code (and, where xapi needs it, of an empty stdout); true if it passed. */
    private boolean expect(Check.Group group, ScriptRunner.Run r, ExitCode expected, boolean silent) {
        String sentence = r.unless(expected);
        if (sentence == null && silent && !r.stdout().isEmpty()) {
            sentence = r.what() + " printed \"" + firstLine(r.stdout()) + "\" on stdout, which xapi reads; expected nothing";
        }
        fail(group, r.what(), sentence);
        return sentence == null;
    }

    private void fail(Check.Group group, String name, String sentence) {
        out.accept(sentence == null ? Check.passed(group, name) : Check.failed(group, name, sentence));
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
