package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.StackSettings;
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
 * {@code gethoststate} show it: stack, host, pid, Online/Starting/absent, fencing armed or not, xapi's health check
 * (is a self-fence for xapi pending?), and what its engine adds (the xhad engine: whether heartbeats are
 * authenticated, and what it dropped).
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show this host's daemon: pid, state (Online, Starting or absent) and fencing.",
            "xapi's health check: on (its command) or off, the last check, the failures in a row, the restarts used"
                + " of XapiRestartAttempts, whether a self-fence for xapi is pending and when, and xapi's error"
                + " string; --json has them under xapi (docs/operators.md).",
            "For the xhad stack also whether heartbeats are authenticated (and with which key ids), the heartbeats"
                + " accepted, the non-zero counts of those dropped by reason, and fence requests ignored;"
                + " --json has every count (docs/heartbeat-auth.md)."})
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
        DaemonStatus status = new DaemonStatus(daemon.stack(), pool.local().hostId().dashed(), runDir.dir().toString(),
                StackSettings.fileFor(daemon.config, daemon.stack()));
        reply.filter(Reply::succeeded).ifPresent(r -> status.reply(r.stdout()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, status.json());
        } else {
            out.print(status.text());
            out.flush();
        }
        return 0;
    }
}
