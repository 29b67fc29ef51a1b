package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * The log an engine gets: lines for people go to the daemon's log; a {@link #record} is a line of the event journal,
 * on disk when this returns, and then one line {@code kind: summary} in the daemon's log, so that the log alone still
 * tells the story.
 */
record JournalingLog(EngineLog log, EventJournal journal) implements EngineLog {
    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void error(String message) {
        log.error(message);
    }

    @Override
    public void record(JournalEvent event) {
        journal.append(event);
        log.info(event.kind().wire() + ": " + event.summary());
    }
}
