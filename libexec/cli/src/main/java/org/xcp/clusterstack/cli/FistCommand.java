package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.FistAction;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack fist enable|disable|list [NAME]}: switches this host's daemon's fault points at run
 * time over its control socket, as xhad's {@code calldaemon} FIST commands do. Prints the enabled points.
 */
@Command(name = "fist", mixinStandardHelpOptions = true,
        description = {"Switch the fault-injection points of this host's running daemon; prints the points"
            + " enabled afterwards, one a line.",
            "For tests: an enabled point makes the daemon misbehave on purpose."},
        footerHeading = "%nFault points:%n",
        footer = {
            "  hb.send.lostpacket     drop every heartbeat this host sends",
            "  hb.receive.lostpacket  drop every heartbeat this host receives",
            "  sf.ioerror             fail every statefile read and write of this host",
            "                         (as a lost SR path does)",
            "  sf.slow                delay every statefile cycle by StateFileInterval",
            "",
            "A name may end in .once (fires once, then switches itself off) or .sticky (fires until disabled,"
                + " the default). The same names may follow ha_start_daemon [-C cfg] to start the daemon with them"
                + " enabled.",
            "Exits 0; 1 for an unknown name or action; 14 when no daemon answers."})
final class FistCommand implements Callable<Integer> {
    enum Action { enable, disable, list }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "enable, disable or list.")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME",
            description = "The fault point, e.g. sf.ioerror or hb.send.lostpacket.once.")
    String name;

    @Mixin
    LocalDaemon daemon;

    @Override
    public Integer call() {
        Request request;
        if (action == Action.list) {
            if (name != null) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "fist list takes no NAME");
            }
            request = Request.of(Verb.FIST, FistAction.LIST.word());
        } else {
            if (name == null) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "fist " + action + " needs a NAME");
            }
            FaultPoints.none().enable(name); // an unknown name is exit 1 whether or not a daemon runs
            request = Request.of(Verb.FIST, FistAction.parse(action.name()).word(), name);
        }
        DaemonConfig pool = daemon.config();
        RunDir runDir = daemon.runDir(pool);
        Reply reply = new ControlClient(runDir).request(request, Optional.of(Duration.ofSeconds(10)))
                .orElseThrow(() -> new HaException(ExitCode.DAEMON_IS_NOT_PRESENT, "no daemon answers for host "
                        + pool.local().hostId().dashed() + " (stack " + daemon.stack() + ", " + runDir.dir() + ")"));
        if (!reply.succeeded()) {
            throw new HaException(reply.code(), reply.message().isEmpty() ? "the daemon refused '" + request + "'"
                    : reply.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(reply.stdout());
        out.flush();
        return 0;
    }
}
