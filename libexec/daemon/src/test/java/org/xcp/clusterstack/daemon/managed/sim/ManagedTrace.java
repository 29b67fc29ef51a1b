package org.xcp.clusterstack.daemon.managed.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.xcp.clusterstack.common.core.Action;

/** One line per action, sample and fault, stamped with virtual time and host; formatted only when read. */
final class ManagedTrace {
    private record Entry(long nanos, int host, Supplier<String> what) {
        String line() {
            return String.format(Locale.ROOT, "%8.3f h%s %s", nanos / 1e9, host < 0 ? "-" : host, what.get());
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private int limit = 400;

    void limit(int lines) {
        limit = lines;
        trim();
    }

    void add(long elapsed, int host, Supplier<String> what) {
        entries.add(new Entry(elapsed, host, what));
        trim();
    }

    List<String> lines() {
        return entries.stream().map(Entry::line).toList();
    }

    List<String> tail(int n) {
        return entries.stream().skip(Math.max(0, entries.size() - n)).map(Entry::line).toList();
    }

    private void trim() {
        while (entries.size() > limit) {
            entries.removeFirst();
        }
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
