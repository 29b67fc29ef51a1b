package org.xcp.clusterstack.api.spi;

import org.xcp.clusterstack.api.journal.JournalEvent;

/**
 * The daemon's log and event journal; engines never print to stdout. {@link #info} and {@link #warn} are lines for
 * people; {@link #record} is an entry of the host's event journal (what was decided and on what evidence), which
 * the daemon host writes and syncs to disk before it returns: a core records a self-fence before it fences.
 */
@FunctionalInterface
public interface EngineLog {
    void info(String message);

    default void warn(String message) {
        info("WARNING " + message);
    }

    /** Writes {@code event} to the journal and returns once it is on disk; without a journal, logs its summary. */
    default void record(JournalEvent event) {
        info(event.kind().wire() + ": " + event.summary());
    }
}
