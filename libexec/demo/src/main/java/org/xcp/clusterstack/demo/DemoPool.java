package org.xcp.clusterstack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.control.LogDir;

/**
 * The demo's pool: {@code n} hosts on 127.0.0.1..n, UDP 694, xapi's timeouts for its smallest HA timeout
 * (T = 10 s), the user watchdog as fencer, one 266,240-byte statefile file for all.
 */
final class DemoPool {
    private static final HaUuid GENERATION = HaUuid.parse("0badcafe-5eed-4a11-8d3e-00000000d3e0");

    final List<DemoHost> hosts = new ArrayList<>();
    final Path statefile;

    /**
     * @param runBase the stack's run directory: each daemon's lives in {@code runBase/<HostID without dashes>}
     * @param logBase the log base the stacks were installed with (each daemon's log is in its {@link LogDir})
     */
    DemoPool(Path dir, Path stackDir, Path runBase, Path logBase, int n) throws IOException {
        statefile = dir.resolve("statefile");
        try (var f = Files.newByteChannel(statefile, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE)) {
            f.truncate(0);
            f.position(266_240 - 1);
            f.write(java.nio.ByteBuffer.wrap(new byte[1])); // xapi creates a 266,240-byte statefile VDI
        }
        DaemonConfigBuilder pool = DaemonConfig.builder().generation(GENERATION).haTimeout(10)
                .parameter(Parameter.XAPI_HEALTH_CHECK_INTERVAL, 60).parameter(Parameter.XAPI_HEALTH_CHECK_TIMEOUT, 120)
                .parameter(Parameter.XAPI_RESTART_ATTEMPTS, 1).parameter(Parameter.XAPI_RESTART_TIMEOUT, 300)
                .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.USER);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = String.format("%08x-5eed-4a11-8d3e-%012x", 0xdead0000 + i, i);
            ids.add(id);
            pool.host(HaUuid.parse(id), "127.0.0." + (i + 1));
        }
        for (int i = 0; i < n; i++) {
            Path config = DaemonConfigWriter.write(pool.build(HaUuid.parse(ids.get(i))),
                    dir.resolve("host" + i + "-xhad.conf"));
            hosts.add(new DemoHost(i, ids.get(i), "127.0.0." + (i + 1), config, stackDir,
                    runBase.resolve(ids.get(i).replace("-", "")),
                    LogDir.of(logBase, stackDir.getFileName().toString(), HaUuid.parse(ids.get(i))).daemonLog()));
        }
    }

    DemoHost master() {
        return hosts.get(0);
    }

    /** Each host's view: who is live, who is master, who is excluded; "-" where a daemon does not answer. */
    String table() {
        List<Optional<Liveset>> views = hosts.stream().map(DemoHost::liveset).toList();
        StringBuilder out = new StringBuilder(String.format("    %-28s", "host (index)     seen by ->"));
        hosts.forEach(h -> out.append(String.format("%-8s", h.name())));
        out.append('\n');
        for (DemoHost row : hosts) {
            out.append(String.format("    %-28s", row.name() + " " + row.address() + " (" + row.index() + ")"));
            for (Optional<Liveset> view : views) {
                out.append(String.format("%-8s", view.map(l -> cell(l.hosts().get(row.index()))).orElse("-")));
            }
            out.append('\n');
        }
        out.append("    L = live, . = not live, M = master, X = excluded, - = that host's daemon is not running\n");
        return out.toString().replaceAll(" +\n", "\n");
    }

    /** The master as the live hosts report it. */
    Optional<DemoHost> masterSeen() {
        return hosts.stream().map(DemoHost::liveset).flatMap(Optional::stream)
                .flatMap(l -> l.hosts().stream().filter(HostEntry::master)).map(e -> hosts.get(e.index()))
                .findFirst();
    }

    List<List<Boolean>> liveness() {
        return hosts.stream().map(h -> h.liveset().map(l -> l.hosts().stream().map(HostEntry::live)
                .collect(Collectors.toList())).orElse(List.of())).toList();
    }

    private static String cell(HostEntry e) {
        return (e.live() ? "L" : ".") + (e.master() ? "M" : "") + (e.excluded() ? "X" : "");
    }
}
