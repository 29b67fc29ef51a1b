package org.xcp.clusterstack.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.install.StackInstaller;
import org.xcp.clusterstack.common.Providers;
import org.xcp.clusterstack.selector.DriverTable;
import org.xcp.clusterstack.selector.PoolSnapshot;
import org.xcp.clusterstack.selector.Sr;
import org.xcp.clusterstack.selector.StackSelector;
import org.xcp.clusterstack.xapiconf.StackName;

/**
 * The pool demo: install the stacks, let the selector choose one for a demo pool, enable HA through the
 * installed scripts in xapi's order, show every host's liveset, crash the master (SIGKILL) and show the
 * survivors' fault handling, fencing wait and new master ({@link DemoCrash}), bring it back, shut another host
 * down as xapi does at a clean shutdown, show the survivors, disable HA and clean up. Every step is a real
 * process.
 */
public final class Demo {
    private final PrintWriter progress;
    private final Map<String, Object> record = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private final int hostCount;
    private final List<Path> jars;
    private final Path java;
    private Thread interrupted;

    public Demo(PrintWriter progress, int hostCount, List<Path> jars, Path java) {
        this.progress = progress;
        this.hostCount = hostCount;
        this.jars = jars;
        this.java = java;
    }

    /** Runs the demo in a temporary directory it always removes; returns what happened, for --json. */
    public Map<String, Object> run() throws IOException {
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "cluster-stack-demo");
        DemoPool pool = null;
        try {
            say("cluster-stack demo: a " + hostCount + "-host HA pool on this machine (127.0.0.1-127.0.0."
                    + hostCount + ", UDP 694, xapi's timeouts for T = 10 s), in " + work);
            Path root = work.resolve("cluster-stack");
            StackInstaller installer = new StackInstaller(root, work.resolve("run"), work.resolve("log"), java, jars);
            Providers.all().forEach(p -> installer.install(p.manifest(), "demo"));
            step("install", "installed the stacks " + Providers.all().stream().map(p -> p.manifest().name()).toList()
                    + " under " + root, 0);

            String stack = select();
            pool = new DemoPool(work, root.resolve(stack), work.resolve("run").resolve(stack), work.resolve("log"),
                    hostCount);
            interrupted = killOnExit(pool);
            enable(pool);
            new DemoCrash(this, pool).crash(pool.master());
            rejoin(pool, pool.master());
            shutdown(pool, pool.hosts.get(hostCount - 1));
            disable(pool);
            record.put("result", "ok");
            return record;
        } finally {
            if (pool != null) {
                pool.hosts.forEach(h -> h.run(HaScript.STOP_DAEMON));
                try {
                    Runtime.getRuntime().removeShutdownHook(interrupted);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook does the rest
                }
            }
            deleteTree(work);
            record.put("steps", steps);
        }
    }

    /** Interrupted (SIGTERM, Ctrl-C), the demo leaves no daemon behind: each one's process group is killed. */
    private static Thread killOnExit(DemoPool pool) {
        Thread hook = new Thread(() -> pool.hosts.forEach(h -> h.pid().flatMap(ProcessHandle::of).ifPresent(d -> {
            d.descendants().forEach(ProcessHandle::destroyForcibly); // its user watchdog
            d.destroyForcibly();
        })), "demo-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private String select() {
        // a pool whose heartbeat SR is NFS and whose other storage is iSCSI LVM: no driver needs a cluster
        // stack, so the choice falls to cluster-stack-default (selector.md §4)
        List<Sr> srs = List.of(new Sr("OpaqueRef:demo-nfs", "9a7c0a64-0b4f-4d2e-9b1a-7f3e5d2c1b0a", "nfs", true),
                new Sr("OpaqueRef:demo-lvm", "1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b", "lvmoiscsi", true));
        DriverTable drivers = DriverTable.of(Map.of("nfs", List.of(), "lvmoiscsi", List.of(),
                "gfs2", List.of("corosync")));
        String stack = new StackSelector(StackName.XHAD).choose(PoolSnapshot.of(srs, drivers, List.of()));
        step("select", "selector: SRs nfs + lvmoiscsi, no cluster -> stack \"" + stack
                + "\" (no SR type constrains the choice: cluster-stack-default)", 0);
        return stack;
    }

    private void enable(DemoPool pool) {
        say("enable HA as xapi does: init on the master, start on every host at once, the master proposes itself");
        DemoHost.Run init = pool.master().run(HaScript.SET_POOL_STATE, "init");
        expect(init, 0, "ha_set_pool_state init");
        step("init", "ha_set_pool_state init on host0: exit 0 (" + init.millis() + " ms)", init.millis());
        long t0 = System.nanoTime();
        List<CompletableFuture<DemoHost.Run>> starts = pool.hosts.stream()
                .map(h -> CompletableFuture.supplyAsync(() -> {
                    DemoHost.Run r = h.run(HaScript.START_DAEMON);
                    say("  " + h.name() + ": ha_start_daemon exit " + r.status() + " after " + seconds(r.millis()));
                    return r;
                })).toList();
        for (int i = 0; i < starts.size(); i++) {
            expect(starts.get(i).join(), 0, "ha_start_daemon on host" + i);
        }
        long joined = (System.nanoTime() - t0) / 1_000_000;
        step("start", "every host Online in " + seconds(joined), joined);
        DemoHost.Run propose = pool.master().run(HaScript.PROPOSE_MASTER);
        expect(propose, 0, "ha_propose_master");
        step("propose_master", "ha_propose_master on host0: " + propose.stdout().strip() + " ("
                + propose.millis() + " ms)", propose.millis());
        waitFor(30, 250, "every host to see host0 as master", () -> pool.hosts.stream()
                .allMatch(h -> h.liveset().map(l -> l.hosts().get(0).master()).orElse(false)));
        table(pool, "livesets after enabling HA");
    }

    private void shutdown(DemoPool pool, DemoHost leaving) {
        say("clean shutdown of " + leaving.name() + " as xapi does it: disarm fencing, stop the daemon, set excluded");
        expect(leaving.run(HaScript.DISARM_FENCING), 0, "ha_disarm_fencing");
        expect(leaving.run(HaScript.STOP_DAEMON), 0, "ha_stop_daemon");
        expect(leaving.run(HaScript.SET_EXCLUDED), 0, "ha_set_excluded");
        long t0 = System.nanoTime();
        say("  the survivors notice it after T1 (10 s) and drop it after the fencing wait of spec §7.3 ...");
        waitFor(90, 250, "the survivors to drop " + leaving.name(), () -> pool.hosts.stream()
                .filter(h -> h != leaving).allMatch(h -> h.liveset()
                        .map(l -> !l.hosts().get(leaving.index()).live()).orElse(false)));
        long dropped = (System.nanoTime() - t0) / 1_000_000;
        step("leave", "the survivors dropped " + leaving.name() + " after " + seconds(dropped), dropped);
        table(pool, "livesets with " + leaving.name() + " shut down");
    }

    private void rejoin(DemoPool pool, DemoHost host) {
        DemoHost.Run start = host.run(HaScript.START_DAEMON);
        expect(start, 0, "ha_start_daemon on " + host.name());
        long t1 = System.nanoTime();
        waitFor(60, 250, host.name() + " to be live everywhere", () -> pool.liveness().stream()
                .allMatch(view -> view.size() == hostCount && view.stream().allMatch(Boolean::booleanValue)));
        long rejoined = start.millis() + (System.nanoTime() - t1) / 1_000_000;
        step("rejoin", host.name() + " restarted: Online after " + seconds(start.millis())
                + ", live in every host's liveset after " + seconds(rejoined), rejoined);
        DemoHost.Run propose = host.run(HaScript.PROPOSE_MASTER);
        expect(propose, 0, "ha_propose_master on " + host.name());
        say("  ha_propose_master on " + host.name() + ": " + propose.stdout().strip()
                + " (another host holds the master lock)");
        table(pool, "livesets after " + host.name() + " came back");
    }

    private void disable(DemoPool pool) {
        DemoHost master = pool.masterSeen().orElse(pool.master()); // xapi runs it on the pool master
        DemoHost.Run invalid = master.run(HaScript.SET_POOL_STATE, "invalid");
        expect(invalid, 0, "ha_set_pool_state invalid");
        long t0 = System.nanoTime();
        waitFor(30, 250, "every daemon to stop", () -> pool.hosts.stream()
                .allMatch(h -> h.run(HaScript.QUERY_LIVESET).status() == ExitCode.DAEMON_IS_NOT_PRESENT.number()));
        long stopped = (System.nanoTime() - t0) / 1_000_000;
        step("disable", "ha_set_pool_state invalid on " + master.name() + ": every daemon stopped by itself (exit 11) within "
                + seconds(stopped), stopped);
    }

    void table(DemoPool pool, String title) {
        String table = pool.table();
        String master = pool.masterSeen().map(h -> h.name() + " " + h.hostId()).orElse("none");
        say(title + " (each column is one host's ha_query_liveset):\n" + table + "    master: " + master);
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("title", title);
        t.put("liveness", pool.liveness());
        t.put("master", master);
        steps.add(t);
    }

    private void step(String name, String text, long millis) {
        step(name, text, millis, Map.of());
    }

    /** A step of the record, with more fields for --json. */
    void step(String name, String text, long millis, Map<String, Object> more) {
        say(text);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("step", name);
        s.put("ms", millis);
        s.put("text", text);
        s.putAll(more);
        steps.add(s);
    }

    void say(String line) {
        synchronized (progress) {
            progress.println(line);
            progress.flush();
        }
    }

    static void expect(DemoHost.Run r, int status, String what) {
        if (r.status() != status) {
            throw new HaException(ExitCode.fromNumber(r.status()).orElse(ExitCode.INTERNAL_BUG),
                    "demo: " + what + " exited " + r.status() + ": " + r.stderr().strip());
        }
    }

    /** Polls {@code condition} every {@code pollMillis} until it holds, or fails after {@code seconds}. */
    static void waitFor(int seconds, int pollMillis, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new HaException(ExitCode.INTERNAL_BUG, "demo: timed out after " + seconds + " s waiting for "
                        + what);
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "demo interrupted");
            }
        }
    }

    static String seconds(long millis) {
        return String.format("%.1f s", millis / 1000.0);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
