package org.xcp.clusterstack.xhad;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.spi.Fencer;
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.fault.FaultPoints;

/**
 * A benchmark, not part of the suite (its name matches none of Surefire's patterns): what the liveness threads of two
 * real xhad engines (UDP on 127.0.9.11-12, a statefile in a file) allocate per second in steady state, the garbage
 * that makes the young collections whose pauses stop them. {@code tests/bench/run alloc} runs it and reads the line
 * it prints; {@code -Dalloc.seconds} sets the measured window (default 10 s, after 5 s of steady state).
 */
class SteadyStateAllocation {
    @org.junit.jupiter.api.Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("alloc.seconds", 10);
        Path dir = Files.createTempDirectory("alloc");
        Path statefile = dir.resolve("statefile");
        HaUuid gen = HaUuid.parse("5a1e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a");
        Files.write(statefile, StatefileImage.initial(gen, 2).encode());
        DaemonConfigBuilder pool = DaemonConfig.builder().generation(gen)
                .parameter(Parameter.HEARTBEAT_INTERVAL, 1).parameter(Parameter.HEARTBEAT_TIMEOUT, 5)
                .parameter(Parameter.STATEFILE_INTERVAL, 1).parameter(Parameter.STATEFILE_TIMEOUT, 5)
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, 5).parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, 8)
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, 30).parameter(Parameter.ENABLE_JOIN_TIMEOUT, 30)
                .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.NONE);
        String[] ids = {"00000010-0000-4000-8000-000000000001", "00000020-0000-4000-8000-000000000002"};
        for (int i = 1; i >= 0; i--) {
            pool.host(HaUuid.parse(ids[i]), "127.0.9." + (11 + i));
        }
        List<MembershipEngine> engines = new ArrayList<>();
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (String id : ids) {
            DaemonConfig c = DaemonConfigReader.parse(DaemonConfigWriter.render(pool.build(HaUuid.parse(id)))
                    .getBytes(StandardCharsets.UTF_8), id);
            MembershipEngine e = new XhadStackProvider().open(new StackContext(c, new Pets(), m -> { }, () -> { },
                    FaultPoints.none(), StackSettings.none(dir.resolve("none"))));
            engines.add(e);
            joins.add(CompletableFuture.runAsync(e::join));
        }
        CompletableFuture.allOf(joins.toArray(new CompletableFuture[0])).join();
        Thread.sleep(5_000);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Map<String, Long> before = allocated(mx);
        Thread.sleep(seconds * 1000L);
        Map<String, Long> after = allocated(mx);
        engines.forEach(MembershipEngine::close);
        StringBuilder line = new StringBuilder("steady-state allocation per engine over " + seconds + " s:");
        for (String thread : List.of("engine-driver", "statefile", "heartbeat-rx-0", "heartbeat-rx-1")) {
            org.assertj.core.api.Assertions.assertThat(after).as("threads").containsKey(thread);
            long bytes = after.get(thread) - before.getOrDefault(thread, after.get(thread));
            int sharing = thread.startsWith("heartbeat") ? 1 : 2; // the two engines' threads share these names
            line.append(' ').append(thread).append('=').append(bytes / seconds / sharing).append("B/s");
        }
        System.out.println(line);
    }

    private static Map<String, Long> allocated(com.sun.management.ThreadMXBean mx) {
        Map<String, Long> m = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            m.merge(t.getName(), mx.getThreadAllocatedBytes(t.getId()), Long::sum);
        }
        return m;
    }

    private static final class Pets implements Fencer {
        private volatile boolean armed;

        @Override
        public void arm() {
            armed = true;
        }

        @Override
        public void pet() {
        }

        @Override
        public void disarm() {
            armed = false;
        }

        @Override
        public boolean isArmed() {
            return armed;
        }

        @Override
        public void fenceNow(String reason) {
        }

        @Override
        public void close() {
        }
    }
}
