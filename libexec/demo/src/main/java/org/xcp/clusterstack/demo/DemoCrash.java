package org.xcp.clusterstack.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xcp.clusterstack.api.HaScript;

/**
 * The crash part of the demo (spec §7.2-§7.6): the master's daemon gets SIGKILL, no disarm, no stop. The
 * survivors notice it after T1, run the fault handler, wait the FH4 deadline (until a hung host's watchdogs
 * would surely have reset it), drop it from the liveset, and one of them wins the master lock.
 */
final class DemoCrash {
    /** T = 10: t1 = t2 = 2, T1 = T2 = Wh = 10, Ws = 25 (DemoPool's parameters). */
    private static final int T1 = 10;
    private static final int FLOOR = 25;

    private final Demo demo;
    private final DemoPool pool;

    DemoCrash(Demo demo, DemoPool pool) {
        this.demo = demo;
        this.pool = pool;
    }

    void crash(DemoHost victim) {
        List<DemoHost> survivors = pool.hosts.stream().filter(h -> h != victim).toList();
        long pid = victim.pid().orElseThrow(() -> new IllegalStateException(victim.name() + " has no daemon"));
        demo.say("crash of " + victim.name() + ", the master: SIGKILL of its daemon (pid " + pid
                + "), no disarm, no stop; the survivors are polled every 100 ms ...");
        Instant killed = Instant.now();
        long t0 = System.nanoTime();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);

        Map<DemoHost, Long> seen = new LinkedHashMap<>();
        Demo.waitFor(90, 100, "the survivors to drop " + victim.name(), () -> {
            for (DemoHost s : survivors) {
                if (!seen.containsKey(s) && s.liveset().map(l -> !l.hosts().get(victim.index()).live()).orElse(false)) {
                    seen.put(s, (System.nanoTime() - t0) / 1_000_000);
                }
            }
            return seen.size() == survivors.size();
        });
        long dropped = seen.values().stream().mapToLong(Long::longValue).max().orElse(0);
        boolean gone = ProcessHandle.of(pid).map(p -> !p.isAlive() || zombie(pid)).orElse(true);

        Map<String, Object> record = new LinkedHashMap<>();
        record.put("host", victim.name());
        record.put("pid", pid);
        record.put("daemon_gone", gone);
        List<Map<String, Object>> perSurvivor = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("    %-52s", "seconds after the kill"));
        survivors.forEach(s -> table.append(String.format("%8s", s.name())));
        table.append('\n');
        List<DaemonLogTimeline> logs = survivors.stream().map(DemoHost::log).toList();
        row(table, "noticed: fault handler started (no heartbeat for T1)", logs, killed, "fault handler started");
        row(table, "FH3: won the survival rule, " + victim.name() + " to leave", logs, killed, "FH3: survives by");
        row(table, "FH4: fence_request set, waiting for the deadline", logs, killed, "FH4: ");
        row(table, "FH4 over: " + victim.name() + " left the liveset", logs, killed, "hosts ");
        table.append(String.format("    %-52s", "ha_query_liveset shows " + victim.name() + " not live"));
        survivors.forEach(s -> table.append(String.format("%8.1f", seen.get(s) / 1000.0)));
        for (int i = 0; i < survivors.size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("host", survivors.get(i).name());
            s.put("noticed_ms", millis(logs.get(i), killed, "fault handler started"));
            s.put("fh3_ms", millis(logs.get(i), killed, "FH3: survives by"));
            s.put("left_ms", millis(logs.get(i), killed, "hosts "));
            s.put("liveset_ms", seen.get(survivors.get(i)));
            perSurvivor.add(s);
        }
        record.put("survivors", perSurvivor);
        String verdict = logs.get(0).first(killed, "FH3: survives by").map(e -> e.message()
                .replaceFirst("^FH3: survives by ([^;( ]*).*", "$1")).orElse("?");
        String watchdog = victim.log().last("user-watchdog:").orElse("(no line from the user watchdog)");
        demo.step("crash", victim.name() + " crashed: its daemon (pid " + pid + ") " + (gone ? "is gone" : "still runs")
                + "; the survivors dropped it after " + Demo.seconds(dropped) + " (survival rule: " + verdict + ")\n"
                + table + "\n"
                + "    fencing: " + victim.name() + "'s user watchdog fired Wh = 10 s after its last pet, as a hardware"
                + " watchdog would, with nothing left to kill\n    (its daemon.log: \"" + watchdog + "\");\n"
                + "    a hung host would still be running, so the survivors waited the FH4 deadline of spec §7.3"
                + " (max(Wh, Ws) = " + FLOOR + " s after its last heartbeat or statefile write, at least 10 s after"
                + " FH4 began):\n    it left only after " + Demo.seconds(dropped) + ", by when its watchdogs would"
                + " have reset it (xhad: 31.8-33.3 s; T1 = " + T1 + " s)",
                dropped, record);
        demo.table(pool, "livesets after " + victim.name() + " crashed");
        elect(survivors);
    }

    /** xapi on each survivor asks for the master lock at once: exactly one gets TRUE. */
    private void elect(List<DemoHost> survivors) {
        long t0 = System.nanoTime();
        List<CompletableFuture<DemoHost.Run>> runs = survivors.stream()
                .map(h -> CompletableFuture.supplyAsync(() -> h.run(HaScript.PROPOSE_MASTER))).toList();
        List<String> answers = new ArrayList<>();
        Optional<DemoHost> winner = Optional.empty();
        for (int i = 0; i < runs.size(); i++) {
            DemoHost.Run r = runs.get(i).join();
            Demo.expect(r, 0, "ha_propose_master on " + survivors.get(i).name());
            answers.add(survivors.get(i).name() + " " + r.stdout().strip());
            if (r.stdout().strip().equals("TRUE")) {
                winner = Optional.of(survivors.get(i));
            }
        }
        long elected = (System.nanoTime() - t0) / 1_000_000;
        DemoHost master = winner.orElseThrow(() -> new IllegalStateException("no survivor won the lock: " + answers));
        Demo.waitFor(30, 250, "every survivor to see " + master.name() + " as master", () -> survivors.stream()
                .allMatch(h -> h.liveset().map(l -> l.hosts().get(master.index()).master()).orElse(false)));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("answers", answers);
        record.put("master", master.name());
        demo.step("new master", "ha_propose_master on every survivor at once: " + String.join(", ", answers)
                + " (" + elected + " ms): " + master.name() + " is the new master", elected, record);
        demo.table(pool, "livesets after " + master.name() + " became master");
    }

    private static void row(StringBuilder table, String what, List<DaemonLogTimeline> logs, Instant since,
            String prefix) {
        table.append(String.format("    %-52s", what));
        logs.forEach(l -> table.append(l.first(since, prefix).map(e -> String.format("%8.1f", e.secondsAfter(since)))
                .orElse(String.format("%8s", "-"))));
        table.append('\n');
    }

    private static Object millis(DaemonLogTimeline log, Instant since, String prefix) {
        return log.first(since, prefix).map(e -> (Object) java.time.Duration.between(since, e.at()).toMillis())
                .orElse(null);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
