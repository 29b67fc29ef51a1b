package org.xcp.clusterstack.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xcp.clusterstack.api.HaScript;

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
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            // UUIDs in index order, so host i has index i
            String id = String.format("%08x-1111-4222-8333-%012x", idBase + i, i);
            hostIds.add(id);
            hosts.append("    <host><HostID>").append(id).append("</HostID><IPaddress>").append(subnet).append(i + 1)
                    .append("</IPaddress></host>\n");
        }
        for (int i = 0; i < n; i++) {
            configs.add(Fixtures.write(dir.resolve("xhad-" + i + ".conf"), """
                    <?xml version="1.0" encoding="utf-8"?>
                    <xhad-config version="1.0">
                      <common-config>
                        <GenerationUUID>%s</GenerationUUID>
                        <UDPport>694</UDPport>
                    %s    <parameters>
                          <HeartbeatInterval>%d</HeartbeatInterval><HeartbeatTimeout>%d</HeartbeatTimeout>
                          <StateFileInterval>%d</StateFileInterval><StateFileTimeout>%d</StateFileTimeout>
                          <HeartbeatWatchdogTimeout>%d</HeartbeatWatchdogTimeout>
                          <StateFileWatchdogTimeout>%d</StateFileWatchdogTimeout>
                          <BootJoinTimeout>%d</BootJoinTimeout><EnableJoinTimeout>%d</EnableJoinTimeout>
                        </parameters>
                      </common-config>
                      <local-config>
                        <localhost>
                          <HostID>%s</HostID>
                          <HeartbeatInterface>lo</HeartbeatInterface>
                          <StateFile>%s</StateFile>
                          <WatchdogMode>USER</WatchdogMode>
                        </localhost>
                      </local-config>
                    </xhad-config>
                    """.formatted(GENERATION, hosts, t.interval(), t.timeout(), t.interval(), t.timeout(),
                    t.heartbeatWatchdog(), t.statefileWatchdog(), joinTimeout, joinTimeout, hostIds.get(i),
                    statefile)));
        }
    }

    /** Host {@code i}'s run directory: its pid, log, control socket and user watchdog. */
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
