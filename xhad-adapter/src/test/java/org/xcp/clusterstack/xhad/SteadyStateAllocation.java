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
 * Measures what the liveness threads of two real xhad engines (UDP on loopback, a statefile file) allocate per
 * second in steady state. Run: java -cp ... org.xcp.clusterstack.xhad.SteadyStateAllocation [seconds].
 */
public final class SteadyStateAllocation {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
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
        after.forEach((name, bytes) -> System.out.printf("%-28s %10.0f B/s%n", name,
                (bytes - before.getOrDefault(name, bytes)) / (double) seconds));
        engines.forEach(MembershipEngine::close);
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
