package org.xcp.clusterstack.daemon.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A file one process appends to and logrotate renames away, without a signal: before a write, at most once per
 * check interval (a second), it compares the inode at its path with the one it holds open, and reopens the path
 * when they differ or the path is gone. What is written between the rename and the check goes to the renamed
 * file, which logrotate's {@code delaycompress} leaves alone until the next rotation, so nothing is lost. Each
 * {@link #write} is one {@code write(2)} on an {@code O_APPEND} descriptor: whole lines never interleave with
 * another writer's. The daemon's log and its event journal both append through one.
 */
public final class ReopeningFile implements Closeable {
    /** How often a writer looks whether its file was renamed: one {@code stat(2)} a second at most. */
    public static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final FileAttribute<Set<PosixFilePermission>> MODE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----"));

    private final Path path;
    private final long checkEveryNanos;
    private final LongSupplier nanoClock;
    private FileChannel channel;
    private Object openKey;
    private long checkedAt;
    private long reopened;

    /** Opens {@code path} for appending (creating it 0640), checked for a rename every {@link #CHECK_EVERY}. */
    public static ReopeningFile open(Path path) throws IOException {
        return new ReopeningFile(path, CHECK_EVERY, System::nanoTime);
    }

    /** {@code checkEvery} and {@code nanoClock} are the tests' to choose. */
    ReopeningFile(Path path, Duration checkEvery, LongSupplier nanoClock) throws IOException {
        this.path = path;
        this.checkEveryNanos = checkEvery.toNanos();
        this.nanoClock = nanoClock;
        openPath();
    }

    public Path path() {
        return path;
    }

    /**
     * Appends {@code bytes} in one write, first reopening the path if it now names another file. A failure
     * (a full disk, a directory removed) is thrown; the next write tries again, reopening the path if needed.
     */
    public synchronized void write(byte[] bytes) throws IOException {
        reopenIfMoved();
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Writes what was written so far to the disk ({@code fdatasync(2)}): for a journal that must survive a fence. */
    public synchronized void sync() throws IOException {
        if (channel == null) {
            throw new IOException(path + " is not open");
        }
        channel.force(false);
    }

    /** How many times the path was reopened after a rename or a failure. */
    public synchronized long reopened() {
        return reopened;
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    private void reopenIfMoved() throws IOException {
        long now = nanoClock.getAsLong();
        if (channel != null && now - checkedAt < checkEveryNanos) {
            return;
        }
        checkedAt = now;
        Object key = keyAt(path);
        if (channel != null && key != null && key.equals(openKey)) {
            return;
        }
        FileChannel old = channel;
        channel = null;
        if (old != null) {
            old.close();
        }
        openPath();
        reopened++;
    }

    private void openPath() throws IOException {
        channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), MODE);
        openKey = keyAt(path);
        checkedAt = nanoClock.getAsLong();
    }

    /** The identity of the file at {@code p} (device and inode on Linux), or null when there is none. */
    private static Object keyAt(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
