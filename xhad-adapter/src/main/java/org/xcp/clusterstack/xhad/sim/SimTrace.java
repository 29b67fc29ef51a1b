package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.sim.TraceLog;
import org.xcp.clusterstack.xhad.core.XhadCore;

/**
 * One line per action and network event, stamped with virtual time and host: the run's fingerprint. Lines are
 * formatted only when read (what they describe is immutable), and a pool that runs many schedules may keep only
 * the last {@code limit} of them for its failure dump.
 */
final class SimTrace {
    private final TraceLog log = new TraceLog(Integer.MAX_VALUE);

    /** Keeps only the last {@code lines} lines from now on. */
    void limit(int lines) {
        log.limit(lines);
    }

    void add(Duration at, int host, String what) {
        add(at, host, () -> what);
    }

    void add(Duration at, int host, Supplier<String> what) {
        log.add(at.toNanos(), host, what);
    }

    List<String> lines() {
        return log.lines();
    }

    /** The last {@code n} lines. */
    List<String> tail(int n) {
        return log.tail(n);
    }

    /** Short enough to read in a failure dump, complete enough that two different runs differ. */
    static String describe(Action a) {
        if (a instanceof XhadCore.SendHeartbeat s) {
            var p = s.packet();
            return "heartbeat " + p.sequence() + " current " + p.currentLiveset() + " proposed "
                    + p.proposedLiveset() + " phase " + p.smPhase() + (p.joining() ? " joining" : "")
                    + (p.sfAccelerate() ? " accelerate" : "") + (p.fenceRequest() ? " fence_request" : "")
                    + (p.sr2() ? " SR2" : "");
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
