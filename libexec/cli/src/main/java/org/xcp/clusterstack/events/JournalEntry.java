package org.xcp.clusterstack.events;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;

/**
 * One decoded line of an event journal, with where it was read ({@code file}, {@code line}) and its text as written
 * ({@code --json} prints it unchanged). {@code kind} is kept as written: a kind this build does not know is still
 * shown.
 */
public record JournalEntry(Path file, int line, String text, Instant time, long seq, String stack, HaUuid host,
        int hostIndex, long pid, String kind, String summary, Map<String, Object> evidence) {

    public Optional<EventKind> eventKind() {
        return EventKind.fromWire(kind);
    }

    public boolean is(EventKind k) {
        return kind.equals(k.wire());
    }

    /** {@code 2(a7be0871)}: the host's index and the first group of its UUID. */
    public String hostLabel() {
        return hostIndex + "(" + host.dashed().substring(0, 8) + ")";
    }

    /** The host index an evidence key names, when it holds a whole number. */
    public Optional<Integer> evidenceHost(String key) {
        return evidence.get(key) instanceof Number n && n.doubleValue() == n.intValue()
                ? Optional.of(n.intValue()) : Optional.empty();
    }

    public String where() {
        return file + ":" + line;
    }
}
