package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack status}: this host's daemon as xhad's {@code calldaemon pid} and
 * {@code gethoststate} show it: stack, host, pid, Online/Starting/absent, fencing armed or not.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show this host's daemon: pid, state (Online, Starting or absent) and fencing.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    LocalDaemon daemon;

    @Option(names = "--json", description = "Print it as JSON.")
    boolean json;

    @Override
    public Integer call() {
        DaemonConfig pool = daemon.config();
        RunDir runDir = daemon.runDir(pool);
        Optional<Reply> reply = new ControlClient(runDir)
                .request(Request.of(Verb.STATUS), Optional.of(Duration.ofSeconds(10)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("stack", daemon.stack);
        view.put("host_id", pool.local().hostId().dashed());
        view.put("pid", null);
        view.put("state", "absent");
        view.put("fencing", "disarmed");
        view.put("run_dir", runDir.dir().toString());
        reply.filter(Reply::succeeded).ifPresent(r -> r.stdout().lines().map(l -> l.split("=", 2))
                .filter(kv -> kv.length == 2 && view.containsKey(kv[0]))
                .forEach(kv -> view.put(kv[0], kv[0].equals("pid") ? (Object) Long.valueOf(kv[1]) : kv[1])));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, view);
        } else {
            view.forEach((k, v) -> out.printf("%-8s %s%n", k, v == null ? "-" : v));
            out.flush();
        }
        return 0;
    }
}
