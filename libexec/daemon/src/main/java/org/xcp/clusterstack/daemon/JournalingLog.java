package org.xcp.clusterstack.daemon;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * The log an engine gets: lines for people go to the daemon's log; a {@link #record} is a line of the event journal,
 * then one line {@code kind: summary} in the daemon's log, so that the log alone still tells the story.
 *
 * <p>Records and lines are written (records synced) on a thread of their own, in the order they came: the engine's
 * thread, which heartbeats and pets the watchdog, never waits for a disk (a sync on a busy dom0's log disk can take seconds, and
 * records come in bursts exactly when a fault is being handled). The one exception is the self-fence: its record,
 * and every record before it, must be on disk before the fencer is told, so {@link #record} waits for it, at most
 * {@link #SELF_FENCE_SYNC_LIMIT_MS} ms. Past that the host fences anyway: the watchdog, which is no longer petted,
 * resets it Wh after the last pet whatever this thread does, and a dead disk must not keep a loser alive longer.
 */
final class JournalingLog implements EngineLog, AutoCloseable {
    static final long SELF_FENCE_SYNC_LIMIT_MS = 1_000;

    private final EngineLog log;
    private final EventJournal journal;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "journal");
        t.setDaemon(true);
        return t;
    });

    JournalingLog(EngineLog log, EventJournal journal) {
        this.log = log;
        this.journal = journal;
    }

    @Override
    public void info(String message) {
        later(() -> log.info(message));
    }

    @Override
    public void warn(String message) {
        later(() -> log.warn(message));
    }

    @Override
    public void error(String message) {
        later(() -> log.error(message));
    }

    /** A line for people, written on the journal's thread in order with the records; directly once closed. */
    private void later(Runnable line) {
        try {
            writer.execute(line);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            line.run();
        }
    }

    @Override
    public void record(JournalEvent event) {
        CompletableFuture<Void> written;
        try {
            written = CompletableFuture.runAsync(() -> {
                journal.append(event);
                log.info(event.kind().wire() + ": " + event.summary());
            }, writer);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            journal.append(event); // closed: the daemon is ending, nothing else waits for this thread
            return;
        }
        if (event.kind() == EventKind.SELF_FENCE) {
            try {
                written.get(SELF_FENCE_SYNC_LIMIT_MS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                log.warn("the self-fence record was not on disk within " + SELF_FENCE_SYNC_LIMIT_MS
                        + " ms: fencing without waiting longer");
            } catch (ExecutionException e) {
                log.warn("the self-fence record could not be written: " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Writes what is queued (at most 5 s), then takes no more: records after this are written by the caller. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
