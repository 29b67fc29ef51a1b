package org.xcp.clusterstack.api.spi;

import org.xcp.clusterstack.api.journal.JournalEvent;

/**
 * The daemon's log and event journal; engines never print to stdout. {@link #info}, {@link #warn} and {@link #error}
 * are lines for people, at those levels; {@link #record} is an entry of the host's event journal (what was decided
 * and on what evidence), which the daemon host writes and syncs to disk before it returns: a core records a
 * self-fence before it fences.
 */
@FunctionalInterface
public interface EngineLog {
    void info(String message);

    default void warn(String message) {
        info("WARNING " + message);
    }

    /** Something failed (a self-fence, an engine ending on an error); a log without that level warns. */
    default void error(String message) {
        warn(message);
    }

    /** Writes {@code event} to the journal and returns once it is on disk; without a journal, logs its summary. */
    default void record(JournalEvent event) {
        info(event.kind().wire() + ": " + event.summary());
    }
}
