package org.xcp.clusterstack.recover;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.control.LogDir;

/**
 * Records what recover did in the host's event journal as the daemon records its decisions: one
 * {@link JournalLine} of kind {@code recovery}, appended whole (after a newline of its own when the file ends in a
 * torn line), forced to disk, and the directory synced when the file is new. {@code seq} is 0 (not the daemon's
 * run) and {@code pid} this command's.
 */
public final class RecoveryJournal {
    private RecoveryJournal() {
    }

    public static JournalEvent event(Diagnosis diagnosis, String done) {
        return JournalEvent.of(EventKind.RECOVERY, "cluster-stack recover: " + diagnosis.code().code() + ": " + done)
                .with("diagnosis", diagnosis.code().code()).with("fix", diagnosis.fix().text()).with("done", done)
                .with("evidence", diagnosis.evidence().stream().map(Evidence::line).toList());
    }

    /** Appends the line to the journal of {@code logDir}; returns the file. */
    public static Path append(LogDir logDir, HostFacts host, JournalEvent event) {
        JournalLine line = new JournalLine(Instant.now(), 0, host.stack(), host.config().local().hostId(),
                host.localIndex(), ProcessHandle.current().pid(), event);
        Path file = logDir.journal();
        try {
            logDir.create();
            boolean created = !Files.exists(file);
            boolean torn = endsTorn(file);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                String text = (torn ? "\n" : "") + line.encode() + "\n";
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            if (created) {
                try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                } catch (IOException e) {
                    // not every file system syncs a directory; the line itself is on disk
                }
            }
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "the fix was applied but cannot be recorded in " + file
                    + ": " + e);
        }
        return file;
    }

    /** A daemon killed in the middle of a line left it without its newline: the next line starts on its own. */
    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = f.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            f.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }
}
