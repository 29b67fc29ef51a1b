package org.xcp.clusterstack.api.journal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.xcp.clusterstack.api.HostSet;

/**
 * One decision or change, as the core that made it describes it: its kind, one sentence an admin can read, and the
 * evidence it rested on. Evidence values are strings, numbers, booleans, lists of those, or maps of them (a set of
 * hosts is a list of host indexes). Cores never read a clock: ages are durations in milliseconds, and the writer
 * stamps the wall time, the host and the stack.
 */
public record JournalEvent(EventKind kind, String summary, Map<String, Object> evidence) {
    public JournalEvent {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(summary);
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    public static JournalEvent of(EventKind kind, String summary) {
        return new JournalEvent(kind, summary, Map.of());
    }

    /** This event with one more piece of evidence (insertion order is kept in the written line). */
    public JournalEvent with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(evidence);
        more.put(key, value instanceof HostSet s ? hosts(s) : value);
        return new JournalEvent(kind, summary, more);
    }

    /** The hosts of a set as the evidence lists them. */
    public static List<Integer> hosts(HostSet set) {
        return set.indexes().boxed().toList();
    }
}
