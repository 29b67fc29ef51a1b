package org.xcp.clusterstack.verify;

import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.manifest.FailoverWindow;
import org.xcp.clusterstack.api.manifest.SuggestedTimeouts;

/**
 * The private pool as the checks drive it: each host's scripts run as xapi runs them (on that host, with its
 * config, within the manifest's limits), several hosts at once, the liveset read as xapi parses it, and every
 * check reported to verify's listener.
 */
final class PoolRunner {
    /** How often a check that waits for a change asks again (xapi asks every 5 s while it waits). */
    static final Duration POLL = Duration.ofMillis(500);
    /** What a wait for a daemon to notice a statefile change allows besides 2 t2: JVM exit, one query. */
    static final int SLACK_SECONDS = 6;

    final PrivatePool pool;
    final VerifyOptions options;
    final SuggestedTimeouts limits;
    final FailoverWindow failover;
    final HostControl hosts;
    private final ScriptRunner scripts;
    private final Consumer<Check> out;

    PoolRunner(ScriptRunner scripts, HostControl hosts, PrivatePool pool, VerifyOptions options,
            SuggestedTimeouts limits, FailoverWindow failover, Consumer<Check> out) {
        this.scripts = scripts;
        this.hosts = hosts;
        this.pool = pool;
        this.options = options;
        this.limits = limits;
        this.failover = failover;
        this.out = out;
    }

    int size() {
        return pool.size();
    }

    String name(int host) {
        return pool.name(host, options);
    }

    /** The script on {@code host} with that host's xhad.conf ({@code -C}), within the manifest's limit. */
    ScriptRunner.Run run(int host, HaScript script, Object... args) {
        return run(host, pool.configs.get(host), script, script == START_DAEMON ? limits.startDaemon() : limits.script(),
                args);
    }

    ScriptRunner.Run run(int host, Path config, HaScript script, int limitSeconds, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.add("-C");
        all.add(config);
        return scripts.run(hosts.execPrefix(host), name(host), script, limitSeconds, all.toArray());
    }

    /** {@code ha_start_daemon} on {@code host}, not waited for (it blocks until Online or its exit code). */
    CompletableFuture<ScriptRunner.Run> startInBackground(int host, Path config, int limitSeconds) {
        return CompletableFuture.supplyAsync(() -> run(host, config, START_DAEMON, limitSeconds));
    }

    /** Runs on every host at once, as xapi runs ha_start_daemon; results in host order. */
    List<ScriptRunner.Run> onEveryHost(IntFunction<ScriptRunner.Run> step) {
        return onHosts(java.util.stream.IntStream.range(0, size()).boxed().toList(), step);
    }

    List<ScriptRunner.Run> onHosts(List<Integer> which, IntFunction<ScriptRunner.Run> step) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, which.size()));
        try {
            List<CompletableFuture<ScriptRunner.Run>> runs = new ArrayList<>();
            for (int host : which) {
                runs.add(CompletableFuture.supplyAsync(() -> step.apply(host), threads));
            }
            return runs.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * {@code init} on host {@code from}, then {@code ha_start_daemon} on every host at once: the pool a group
     * stands on, its failures recorded in {@code group}. True if every host went Online.
     */
    boolean enable(Check.Group group, int from) {
        if (!expect(group, run(from, SET_POOL_STATE, "init"), ExitCode.SUCCESS, true)) {
            return false;
        }
        boolean all = true;
        for (ScriptRunner.Run r : onEveryHost(i -> run(i, START_DAEMON))) {
            all &= expect(group, r, ExitCode.SUCCESS, true);
        }
        return all;
    }

    /** ha_propose_master on {@code which} at once: the one host that answered TRUE, recorded in {@code group}. */
    Optional<Integer> oneMaster(Check.Group group, List<Integer> which, String when) {
        List<ScriptRunner.Run> runs = onHosts(which, i -> run(i, PROPOSE_MASTER));
        List<Integer> trues = new ArrayList<>();
        boolean answered = true;
        for (int k = 0; k < runs.size(); k++) {
            ScriptRunner.Run r = runs.get(k);
            if (!expect(group, r, ExitCode.SUCCESS, false)) {
                answered = false;
            } else if (r.stdout().equals("TRUE\n")) {
                trues.add(which.get(k));
            } else if (!r.stdout().equals("FALSE\n")) {
                answered = false;
                fail(group, r.what(), r.what() + " printed \"" + r.stdout().strip() + "\", expected TRUE or FALSE"
                        + " and a newline");
            }
        }
        if (!answered) {
            return Optional.empty();
        }
        fail(group, "one master " + when, trues.size() == 1 ? null : "ha_propose_master on " + hostList(which)
                + " at once " + when + " gave " + trues.size() + " TRUE answers, expected exactly one");
        return trues.size() == 1 ? Optional.of(trues.get(0)) : Optional.empty();
    }

    /** Host {@code host}'s liveset as xapi reads it: empty when the query fails or does not parse. */
    Optional<Liveset> liveset(int host) {
        return parse(run(host, QUERY_LIVESET));
    }

    /** A query's liveset as xapi reads it: empty when it failed or does not parse. */
    Optional<Liveset> parse(ScriptRunner.Run r) {
        if (r.status() != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LivesetReader.read(r.stdout()));
        } catch (HaException e) {
            return Optional.empty();
        }
    }

    /** The query's exit status (-1: it did not end within its limit). */
    int queryStatus(int host) {
        return run(host, QUERY_LIVESET).status();
    }

    /** Host {@code about}'s entry in {@code l}. */
    Optional<HostEntry> entry(Liveset l, int about) {
        return l.hosts().stream().filter(e -> e.id().equals(pool.uuid(about))).findFirst();
    }

    /**
     * Waits until {@code ha_query_liveset} on each of {@code which} exits 14 (its daemon ended), asking every
     * {@link #POLL}; records one check per host in {@code group}.
     */
    void daemonsEnd(Check.Group group, List<Integer> which, Duration within, String why) {
        Instant deadline = Instant.now().plus(within);
        List<Integer> left = new ArrayList<>(which);
        int[] last = new int[size()];
        while (!left.isEmpty()) {
            for (int host : List.copyOf(left)) {
                last[host] = queryStatus(host);
                if (last[host] == ExitCode.DAEMON_IS_NOT_PRESENT.number()) {
                    left.remove((Integer) host);
                    fail(group, "daemon on " + name(host) + " ends " + why, null);
                }
            }
            if (left.isEmpty() || Instant.now().isAfter(deadline)) {
                break;
            }
            sleep(POLL);
        }
        for (int host : left) {
            fail(group, "daemon on " + name(host) + " ends " + why, "ha_query_liveset on " + name(host) + " still exited "
                    + last[host] + " " + within.toSeconds() + " s " + why + ", expected 14 (MTC_EXIT_DAEMON_IS_NOT_PRESENT):"
                    + " the daemon must end");
        }
    }

    /** ha_stop_daemon on every host (cleanup; not a check). */
    void stopAll() {
        onEveryHost(i -> run(i, STOP_DAEMON));
    }

    /** Records a check of the exit code (and, where xapi needs it, of an empty stdout); true if it passed. */
    boolean expect(Check.Group group, ScriptRunner.Run r, ExitCode expected, boolean silent) {
        String sentence = r.unless(expected);
        if (sentence == null && silent && !r.stdout().isEmpty()) {
            sentence = r.what() + " printed \"" + firstLine(r.stdout()) + "\" on stdout, which xapi reads; expected"
                    + " nothing";
        }
        fail(group, r.what(), sentence);
        return sentence == null;
    }

    /** Records a check: passed when {@code sentence} is null. */
    void fail(Check.Group group, String name, String sentence) {
        out.accept(sentence == null ? Check.passed(group, name) : Check.failed(group, name, sentence));
    }

    String hostList(List<Integer> which) {
        return which.size() == size() ? "every host" : "hosts " + which.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String firstLine(String s) {
        String line = s.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
