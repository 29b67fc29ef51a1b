package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import org.xcp.clusterstack.api.ExitCode;

/** A script's answer as the simulated host gave it, and when (virtual time since the pool began). */
public record SimReply(int host, long requestId, ExitCode code, String stdout, Duration at) {
    public boolean isTrue() {
        return code == ExitCode.SUCCESS && stdout.equals("TRUE\n");
    }

    public boolean isFalse() {
        return code == ExitCode.SUCCESS && stdout.equals("FALSE\n");
    }

    @Override
    public String toString() {
        return "host " + host + " request " + requestId + ": " + code + (stdout.isEmpty() ? "" : " " + stdout.strip())
                + " at " + at;
    }
}
