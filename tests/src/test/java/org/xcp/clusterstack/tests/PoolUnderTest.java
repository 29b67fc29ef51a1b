package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.LivesetReader;

/**
 * A {@link LoopbackPool} whose hosts a test harms (kill, stop, fault points) and watches through the
 * installed scripts: each host's liveset, daemon process, run directory and log.
 */
final class PoolUnderTest {
    final LoopbackPool pool;

    PoolUnderTest(LoopbackPool pool) {
        this.pool = pool;
    }

    /** xapi's enable: init on host 0, every start at once, host 0 proposes itself and everyone sees it. */
    void enable() {
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        List<Cli.Result> starts = pool.runOnAll(START_DAEMON);
        for (int h = 0; h < starts.size(); h++) {
            assertThat(starts.get(h).status()).as("ha_start_daemon on host %d: %s", h, starts.get(h).stderr()).isZero();
        }
        assertThat(pool.run(0, PROPOSE_MASTER).succeeded().stdout()).isEqualTo("TRUE\n");
        List<Boolean> hostZero = java.util.stream.IntStream.range(0, size()).mapToObj(h -> h == 0).toList();
        InstalledStack.eventually(Duration.ofSeconds(15), "every host to see host 0 as master",
                () -> java.util.stream.IntStream.range(0, size()).allMatch(h -> masters(h).equals(hostZero)));
    }

    int size() {
        return pool.size();
    }

    Cli.Result run(int host, HaScript script, Object... args) {
        return pool.run(host, script, args);
    }

    /** Runs the script on these hosts at once; results in the order given. */
    List<Cli.Result> runOn(List<Integer> hosts, HaScript script, Object... args) {
        List<CompletableFuture<Cli.Result>> runs = hosts.stream()
                .map(h -> CompletableFuture.supplyAsync(() -> run(h, script, args))).toList();
        return runs.stream().map(CompletableFuture::join).toList();
    }

    /** {@code cluster-stack fist ACTION NAME} against host {@code h}'s daemon. */
    Cli.Result fist(int h, String action, String name) {
        return Cli.run("fist", action, name, "-C", pool.configs.get(h), "--run-dir", pool.stack.runBase);
    }

    /** The same fault switch on every host at once; results in host order. */
    List<Cli.Result> fistOnAll(String action, String name) {
        List<CompletableFuture<Cli.Result>> runs = java.util.stream.IntStream.range(0, size()).boxed()
                .map(h -> CompletableFuture.supplyAsync(() -> fist(h, action, name))).toList();
        return runs.stream().map(CompletableFuture::join).toList();
    }

    /** SIGKILL of host {@code h}'s daemon; returns the instant just before the signal. */
    Instant kill(int h) {
        ProcessHandle daemon = daemon(h);
        Instant at = Instant.now();
        assertThat(daemon.destroyForcibly()).as("SIGKILL sent to %d", daemon.pid()).isTrue();
        return at;
    }

    /** Sends a signal by name (STOP, CONT) to host {@code h}'s daemon; returns the instant just before. */
    Instant signal(int h, String name) throws IOException, InterruptedException {
        long pid = daemon(h).pid();
        Instant at = Instant.now();
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
        return at;
    }

    ProcessHandle daemon(int h) {
        return pid(h).flatMap(ProcessHandle::of).orElseThrow(() -> new AssertionError("host " + h + " has no daemon"));
    }

    Optional<Long> pid(int h) {
        try {
            return Optional.of(Long.parseLong(Files.readString(runDir(h).resolve("pid")).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    Path runDir(int h) {
        return pool.runDir(h);
    }

    String log(int h) {
        return pool.stack.daemonLogText(pool.hostIds.get(h));
    }

    /**
     * Polls the survivors' livesets every 100 ms until each shows {@code victim} not live; returns, per
     * survivor, the time from {@code since} to its first liveset without the victim. Until then each survivor
     * must keep answering with the victim live (no early drop, no lost daemon).
     */
    Map<Integer, Duration> awaitDropped(int victim, List<Integer> survivors, Instant since) {
        Map<Integer, Duration> dropped = new LinkedHashMap<>();
        Instant deadline = since.plusSeconds(90);
        while (dropped.size() < survivors.size()) {
            for (int s : survivors) {
                if (!dropped.containsKey(s)) {
                    List<HostEntry> view = entries(s);
                    assertThat(view).as("host %d's liveset while waiting", s).hasSize(size());
                    if (!view.get(victim).live()) {
                        dropped.put(s, Duration.between(since, Instant.now()));
                    }
                }
            }
            assertThat(Instant.now()).as("waiting for %s to drop host %d", survivors, victim).isBefore(deadline);
            sleep(100);
        }
        List<Boolean> expected = java.util.stream.IntStream.range(0, size()).mapToObj(h -> h != victim).toList();
        for (int s : survivors) {
            assertThat(liveness(s)).as("host %d agrees on the new liveset", s).isEqualTo(expected);
        }
        return dropped;
    }

    List<Boolean> liveness(int h) {
        return field(h, HostEntry::live);
    }

    List<Boolean> masters(int h) {
        return field(h, HostEntry::master);
    }

    List<Boolean> excluded(int h) {
        return field(h, HostEntry::excluded);
    }

    boolean statefileLost(int h) {
        Cli.Result r = run(h, QUERY_LIVESET);
        return r.status() == 0 && r.stdout().contains("<statefile_lost>TRUE</statefile_lost>");
    }

    private List<Boolean> field(int h, Function<HostEntry, Boolean> f) {
        return entries(h).stream().map(f).toList();
    }

    List<HostEntry> entries(int h) {
        Cli.Result r = run(h, QUERY_LIVESET);
        return r.status() == 0 ? LivesetReader.read(r.stdout()).hosts() : List.of();
    }

    /** Gone: no such process, or a zombie nobody reaps (daemons are detached, not our children). */
    static boolean gone(ProcessHandle p) {
        if (!p.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    /** Every daemon resumed (a stopped one cannot take SIGTERM) and stopped, every leftover watchdog killed. */
    void cleanUp() {
        for (int h = 0; h < size(); h++) {
            pid(h).ifPresent(pid -> {
                try {
                    new ProcessBuilder("kill", "-CONT", Long.toString(pid)).start().waitFor();
                } catch (IOException | InterruptedException e) {
                    // gone already
                }
            });
        }
        pool.stack.stopAll();
        List<ProcessHandle> leftovers = new ArrayList<>();
        String runBase = pool.stack.runBase.toString() + "/";
        ProcessHandle.allProcesses().filter(p -> p.info().arguments().map(a -> String.join(" ", a))
                .filter(a -> a.contains(runBase)).isPresent()).forEach(leftovers::add);
        leftovers.forEach(ProcessHandle::destroyForcibly);
    }

    /** What a failed test leaves for its reader: every host's liveset and the end of its log. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (int h = 0; h < size(); h++) {
            out.append("---- host ").append(h).append(" (").append(runDir(h)).append(") liveness ")
                    .append(liveness(h)).append('\n');
            List<String> lines = log(h).lines().toList();
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
        }
        return out.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
