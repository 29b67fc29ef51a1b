package org.xcp.clusterstack.daemon.managed.sim;

import java.util.List;
import java.util.function.Supplier;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.sim.TraceLog;

/** One line per action, sample and fault, stamped with virtual time and host; formatted only when read. */
final class ManagedTrace {
    private final TraceLog log = new TraceLog(400);

    void limit(int lines) {
        log.limit(lines);
    }

    void add(long elapsed, int host, Supplier<String> what) {
        log.add(elapsed, host, what);
    }

    List<String> lines() {
        return log.lines();
    }

    List<String> tail(int n) {
        return log.tail(n);
    }

    static String describe(Action a) {
        if (a instanceof Action.StatefileCycle c) {
            var o = c.own();
            return "statefile cycle, sequence " + o.sequence() + " current " + o.currentLiveset() + " starting "
                    + o.starting() + " excluded " + o.excluded() + " lock " + o.lockRequest() + " grants "
                    + o.lockGrant() + (c.change().isEmpty() ? "" : " change " + c.change());
        }
        return a.toString();
    }
}
