package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.xhad.core.Action;

/** One line per action and network event, stamped with virtual time and host: the run's fingerprint. */
final class SimTrace {
    private final List<String> lines = new ArrayList<>();

    void add(Duration at, int host, String what) {
        lines.add(String.format(java.util.Locale.ROOT, "%8.3f h%d %s", at.toNanos() / 1e9, host, what));
    }

    List<String> lines() {
        return lines;
    }

    /** Short enough to read in a failure dump, complete enough that two different runs differ. */
    static String describe(Action a) {
        if (a instanceof Action.SendHeartbeat s) {
            var p = s.packet();
            return "heartbeat " + p.sequence() + " current " + p.currentLiveset() + " proposed "
                    + p.proposedLiveset() + (p.joining() ? " joining" : "") + (p.sfAccelerate() ? " accelerate" : "");
        }
        if (a instanceof Action.StatefileCycle c) {
            var o = c.own();
            return "statefile cycle, sequence " + o.sequence() + " current " + o.currentLiveset() + " lock "
                    + o.lockRequest() + " grants " + o.lockGrant()
                    + (c.change().isEmpty() ? "" : " change " + c.change());
        }
        return a.toString();
    }
}
