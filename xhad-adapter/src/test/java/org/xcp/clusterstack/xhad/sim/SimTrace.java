package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.xhad.core.XhadCore;

/**
 * One line per action and network event, stamped with virtual time and host: the run's fingerprint. Lines are
 * formatted only when read (what they describe is immutable), and a pool that runs many schedules may keep only
 * the last {@code limit} of them for its failure dump.
 */
final class SimTrace {
    private record Entry(long nanos, int host, Supplier<String> what) {
        String line() {
            return String.format(Locale.ROOT, "%8.3f h%d %s", nanos / 1e9, host, what.get());
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private int limit = Integer.MAX_VALUE;

    /** Keeps only the last {@code lines} lines from now on. */
    void limit(int lines) {
        limit = lines;
        trim();
    }

    void add(Duration at, int host, String what) {
        add(at, host, () -> what);
    }

    void add(Duration at, int host, Supplier<String> what) {
        entries.add(new Entry(at.toNanos(), host, what));
        trim();
    }

    List<String> lines() {
        return entries.stream().map(Entry::line).toList();
    }

    /** The last {@code n} lines. */
    List<String> tail(int n) {
        return entries.stream().skip(Math.max(0, entries.size() - n)).map(Entry::line).toList();
    }

    private void trim() {
        while (entries.size() > limit) {
            entries.removeFirst();
        }
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
