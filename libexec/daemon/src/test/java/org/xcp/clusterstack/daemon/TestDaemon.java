package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.RunDir;
import java.io.IOException;
import org.xcp.clusterstack.common.fault.FaultPoints;

/** A control socket that answers only {@code fist}, as a daemon does, for tests outside this package. */
public final class TestDaemon implements AutoCloseable {
    private final ControlServer server;

    private TestDaemon(ControlServer server) {
        this.server = server;
    }

    public static TestDaemon serveFaults(RunDir runDir, FaultPoints faults) throws IOException {
        runDir.create();
        DaemonLog log = new DaemonLog(runDir.log());
        return new TestDaemon(ControlServer.start(runDir, request -> {
            String[] words = request.split(" ", 2);
            if (!words[0].equals(ControlProtocol.FIST)) {
                return new ControlClient.Reply(1, "");
            }
            return FaultSwitch.handle(faults, words.length > 1 ? words[1] : "", log);
        }, log));
    }

    @Override
    public void close() {
        server.close();
    }
}
