package org.xcp.clusterstack.selector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;

/**
 * The pool record on disk, replaced atomically: the new text goes to a temporary file in the same directory,
 * is flushed to the disk, renamed over the record, and the directory is flushed so the rename itself
 * survives a power cut. A reader therefore sees the old record or the new one, never an empty or torn file,
 * whenever the writer dies. A crash can leave a temporary file ({@code .pool.json.*.tmp}) behind; it is
 * never read and never becomes the record.
 */
public final class PoolRecordStore {
    /** The record is two fields. */
    static final long MAX_FILE_BYTES = 1 << 20;

    /** Where the CLI keeps it unless told otherwise. */
    public static final Path DEFAULT_FILE = Path.of("/var/lib/cluster-stack/pool.json");

    /** The points of {@link #write} a test can stop at, as a crash would. */
    enum Step { TEMP_CREATED, HALF_WRITTEN, WRITTEN, SYNCED, RENAMED }

    @FunctionalInterface
    interface StepObserver {
        void reached(Step step);
    }

    private final Path file;
    private final StepObserver observer;

    public PoolRecordStore(Path file) {
        this(file, step -> {
        });
    }

    PoolRecordStore(Path file, StepObserver observer) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public Path file() {
        return file;
    }

    /**
     * The record as it is on disk, or empty if there is none yet.
     *
     * @throws HaException {@link ExitCode#INVALID_ENVIRONMENT} if it cannot be read or is not a valid record
     */
    public Optional<PoolRecord> read() {
        byte[] bytes;
        try { // a FIFO or a device is refused before it is opened (InputFile)
            Optional<byte[]> present = InputFile.readIfPresent(file, "a pool record", MAX_FILE_BYTES,
                    ExitCode.INVALID_ENVIRONMENT);
            if (present.isEmpty()) {
                return Optional.empty();
            }
            bytes = present.get();
        } catch (HaException e) {
            String prefix = file + ": "; // InputFile's messages begin with the file
            String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot read the pool record " + file + ": " + why, e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            return Optional.of(PoolRecordCodec.decode(text));
        } catch (CharacterCodingException | IllegalArgumentException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the pool record " + file + " is not valid ("
                    + (e instanceof CharacterCodingException ? "not UTF-8" : e.getMessage()) + "); it is never "
                    + "written in place, so something else changed it", e);
        }
    }

    /** The record, or a new pool's ({@link PoolRecord#NEW_POOL}) if none was ever written. */
    public PoolRecord readOrNewPool() {
        return read().orElse(PoolRecord.NEW_POOL);
    }

    /**
     * Replaces the record atomically; the parent directory is created if needed.
     *
     * @throws HaException {@link ExitCode#INVALID_ENVIRONMENT} if it cannot be written (the old record is then
     *     intact), or if the directory cannot be flushed after the rename
     */
    public void write(PoolRecord record) {
        byte[] bytes = PoolRecordCodec.encode(record).getBytes(StandardCharsets.UTF_8);
        Path dir = file.getParent();
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
            observer.reached(Step.TEMP_CREATED);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeFully(channel, ByteBuffer.wrap(bytes, 0, bytes.length / 2));
                observer.reached(Step.HALF_WRITTEN);
                writeFully(channel, ByteBuffer.wrap(bytes, bytes.length / 2, bytes.length - bytes.length / 2));
                observer.reached(Step.WRITTEN);
                channel.force(true);
            }
            observer.reached(Step.SYNCED);
            // rename(2): atomic, and it replaces an existing record.
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            observer.reached(Step.RENAMED);
        } catch (IOException | RuntimeException e) {
            // Deliberately not a finally: a crash (an Error in the tests) leaves the temporary file, as a real one does.
            deleteQuietly(temp);
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot write the pool record " + file + ": "
                    + (e instanceof IOException io ? reason(io) : e.toString()) + "; the record is unchanged", e);
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the pool record " + file + " was replaced but its"
                    + " directory could not be flushed, so a power cut could still undo it: " + reason(e), e);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The record itself is intact; a stray temporary file is harmless and never read.
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return e.getMessage() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            return (fse.getFile() == null ? "" : fse.getFile() + ": ") + fse.getReason();
        }
        return Quote.oneLine(String.valueOf(e.getMessage()));
    }
}
