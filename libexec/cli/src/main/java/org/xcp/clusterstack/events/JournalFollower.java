package org.xcp.clusterstack.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * {@code events --follow}: the whole lines added to the journals under some log bases since the last look. Files are
 * known by their identity (device and inode), not their name, so a journal logrotate renamed is read to its end
 * under its new name and the new file of the old name from its start; a new host's or stack's journal is found at
 * the next look. A line still being written waits for its newline.
 */
public final class JournalFollower {
    /** How often {@code --follow} looks. */
    public static final Duration POLL_EVERY = Duration.ofMillis(500);

    /** Where reading a file got to. */
    private static final class Position {
        long offset;
        int nextLine = 1;
    }

    private final List<Path> bases;
    private final Map<Object, Position> files = new HashMap<>();
    /** After the first look, a journal that cannot be read is looked at again later instead of being an error. */
    private boolean started;

    public JournalFollower(List<Path> bases) {
        this.bases = List.copyOf(bases);
    }

    /**
     * The lines added since the last call, in time order. The first call reads every line there is, and a journal
     * it cannot read is exit 1.
     */
    public JournalReader.Contents poll() {
        List<JournalEntry> entries = new ArrayList<>();
        List<MalformedLine> malformed = new ArrayList<>();
        Map<Object, Position> seen = new HashMap<>();
        for (Path file : Journals.find(bases)) {
            Object key;
            try {
                key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                continue; // rotated away between the search and now: found under its new name next time
            } catch (IOException e) {
                continue;
            }
            Position at = files.getOrDefault(key, new Position());
            seen.put(key, at);
            JournalReader.Contents added = file.getFileName().toString().endsWith(".gz")
                    ? compressed(file, at) : added(file, at, started);
            entries.addAll(added.entries());
            malformed.addAll(added.malformed());
        }
        files.clear();
        files.putAll(seen);
        started = true;
        return new JournalReader.Contents(null, Journals.sorted(entries), List.copyOf(malformed));
    }

    /** A compressed journal holds only rotated, finished lines: read once. */
    private static JournalReader.Contents compressed(Path file, Position at) {
        if (at.offset > 0) {
            return new JournalReader.Contents(file, List.of(), List.of());
        }
        at.offset = Long.MAX_VALUE;
        return JournalReader.read(file);
    }

    private static JournalReader.Contents added(Path file, Position at, boolean lenient) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < at.offset) { // truncated in place (logrotate's copytruncate): start again
                at.offset = 0;
                at.nextLine = 1;
            }
            if (size == at.offset) {
                return new JournalReader.Contents(file, List.of(), List.of());
            }
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(size - at.offset, 64L << 20));
            while (bytes.hasRemaining() && in.read(bytes, at.offset + bytes.position()) > 0) {
                // until the buffer is full or the file ends
            }
            int whole = lastNewline(bytes.array(), bytes.position()) + 1;
            if (whole == 0) {
                return new JournalReader.Contents(file, List.of(), List.of());
            }
            String text = new String(bytes.array(), 0, whole - 1, StandardCharsets.UTF_8);
            JournalReader.Contents contents = JournalReader.decodeAll(file, text, at.nextLine);
            at.offset += whole;
            at.nextLine += (int) text.chars().filter(c -> c == '\n').count() + 1;
            return contents;
        } catch (IOException e) {
            if (!lenient) {
                throw new HaException(ExitCode.INVALID_PARAMETER, file + ": cannot read the journal: " + e);
            }
            return new JournalReader.Contents(file, List.of(), List.of()); // gone or unreadable now: next look
        }
    }

    private static int lastNewline(byte[] bytes, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
