package org.xcp.clusterstack.maintenance;

import org.xcp.clusterstack.api.HaScript;

/** One script's run: its exit status (-1 when killed at its limit), what it printed, how long it took. */
public record ScriptRun(HaScript script, int status, String stdout, String stderr, double seconds) {
    public boolean succeeded() {
        return status == 0;
    }

    /** The last line it printed on stderr, for a one-line failure. */
    public String lastError() {
        return stderr.strip().lines().reduce((a, b) -> b).orElse("");
    }
}
