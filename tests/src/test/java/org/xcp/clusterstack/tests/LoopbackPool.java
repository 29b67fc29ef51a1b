package org.xcp.clusterstack.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;

/**
 * A pool of {@code n} hosts on this machine: host {@code i} heartbeats on 127.0.1.(i+1):694 and has its own
 * xhad.conf (the same common-config, its own local-config); all share one statefile. Timeouts are short
 * (t1 = t2 = 1 s, T1 = T2 = Wh = 4 s, Ws = 6 s) so that tests of leaving and rejoining take seconds.
 * Tests of failures choose their own subnet, timeouts and host UUIDs (so that each pool has its own run
 * directories and logs).
 */
final class LoopbackPool {
    static final String GENERATION = "7a1e6f00-2b3c-4d5e-8f90-0a1b2c3d4e5f";

    final InstalledStack stack;
    final List<Path> configs = new ArrayList<>();
    final List<String> hostIds = new ArrayList<>();
    final Path statefile;

    /** The parameters of spec §3.5, in seconds: t1 = t2, T1 = T2, Wh, Ws. */
    record Timeouts(int interval, int timeout, int heartbeatWatchdog, int statefileWatchdog) {
        static final Timeouts SHORT = new Timeouts(1, 4, 4, 6);

        /** The FH4 safety floor of spec §7.3: a removed host's watchdogs have fired by then. */
        int maxWatchdog() {
            return Math.max(heartbeatWatchdog, statefileWatchdog);
        }
    }

    LoopbackPool(InstalledStack stack, Path dir, int n, int joinTimeout) {
        this(stack, dir, n, joinTimeout, "127.0.1.", 0x10000000, Timeouts.SHORT);
    }

    /**
     * @param subnet the first three octets and a dot: host i is subnet + (i + 1)
     * @param idBase the first field of host 0's UUID; host i's is idBase + i
     */
    LoopbackPool(InstalledStack stack, Path dir, int n, int joinTimeout, String subnet, int idBase, Timeouts t) {
        this.stack = stack;
        this.statefile = Fixtures.write(dir.resolve("statefile"), new byte[266_240]);
        DaemonConfigBuilder pool = DaemonConfig.builder().generation(HaUuid.parse(GENERATION))
                .parameter(Parameter.HEARTBEAT_INTERVAL, t.interval()).parameter(Parameter.HEARTBEAT_TIMEOUT, t.timeout())
                .parameter(Parameter.STATEFILE_INTERVAL, t.interval()).parameter(Parameter.STATEFILE_TIMEOUT, t.timeout())
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, t.heartbeatWatchdog())
                .parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, t.statefileWatchdog())
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, joinTimeout).parameter(Parameter.ENABLE_JOIN_TIMEOUT, joinTimeout)
                .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.USER);
        for (int i = 0; i < n; i++) {
            // UUIDs in index order, so host i has index i
            String id = String.format("%08x-1111-4222-8333-%012x", idBase + i, i);
            hostIds.add(id);
            pool.host(HaUuid.parse(id), subnet + (i + 1));
        }
        for (int i = 0; i < n; i++) {
            try {
                configs.add(DaemonConfigWriter.write(pool.build(HaUuid.parse(hostIds.get(i))),
                        dir.resolve("xhad-" + i + ".conf")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Host {@code i}'s run directory: its pid, control socket and user watchdog (its log: the stack's daemonLog). */
    Path runDir(int host) {
        return stack.runBase.resolve("xhad").resolve(hostIds.get(host).replace("-", ""));
    }

    int size() {
        return configs.size();
    }

    Cli.Result run(int host, HaScript script, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.add("-C");
        all.add(configs.get(host));
        return stack.run(script, all.toArray());
    }

    /** Runs the script on every host at once (as xapi does for ha_start_daemon); results in host order. */
    List<Cli.Result> runOnAll(HaScript script, Object... args) {
        ExecutorService pool = Executors.newFixedThreadPool(size());
        try {
            List<CompletableFuture<Cli.Result>> results = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                int host = i;
                results.add(CompletableFuture.supplyAsync(() -> run(host, script, args), pool));
            }
            return results.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
