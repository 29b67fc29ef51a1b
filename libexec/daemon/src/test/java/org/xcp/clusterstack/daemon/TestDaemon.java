package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import java.io.IOException;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.daemon.log.DaemonLog;

/** A control socket that answers only {@code fist}, as a daemon does, for tests outside this package. */
public final class TestDaemon implements AutoCloseable {
    private final ControlServer server;

    private TestDaemon(ControlServer server) {
        this.server = server;
    }

    public static TestDaemon serveFaults(RunDir runDir, FaultPoints faults) throws IOException {
        runDir.create();
        DaemonLog log = new DaemonLog(runDir.dir().resolve("daemon.log"));
        return new TestDaemon(ControlServer.start(runDir, request -> {
            if (request.verb() != Verb.FIST) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "this test daemon answers only fist");
            }
            return FaultSwitch.handle(faults, request.args(), log);
        }, log));
    }

    @Override
    public void close() {
        server.close();
    }
}
