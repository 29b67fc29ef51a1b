package org.xcp.clusterstack.common.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A simulator's trace: one line per action, sample, packet or fault, stamped with virtual time and host; a run's
 * fingerprint. Lines are formatted only when read (what they describe is immutable), and a simulator that runs
 * many schedules keeps only the last {@code limit} of them for its failure dump.
 */
public final class TraceLog {
    private record Entry(long nanos, int host, Supplier<String> what) {
        String line() {
            return String.format(Locale.ROOT, "%8.3f h%s %s", nanos / 1e9, host < 0 ? "-" : host, what.get());
        }
    }

    private final Deque<Entry> entries = new ArrayDeque<>();
    private int limit;

    public TraceLog(int limit) {
        this.limit = limit;
    }

    /** Keeps only the last {@code lines} lines from now on. */
    public void limit(int lines) {
        limit = lines;
        trim();
    }

    /** One line at {@code nanos} of virtual time, for {@code host} (-1: the pool). */
    public void add(long nanos, int host, Supplier<String> what) {
        entries.add(new Entry(nanos, host, what));
        trim();
    }

    public List<String> lines() {
        return entries.stream().map(Entry::line).toList();
    }

    /** The last {@code n} lines. */
    public List<String> tail(int n) {
        return entries.stream().skip(Math.max(0, entries.size() - n)).map(Entry::line).toList();
    }

    private void trim() {
        while (entries.size() > limit) {
            entries.removeFirst();
        }
    }
}
