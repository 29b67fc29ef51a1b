package org.xcp.clusterstack.common.statefile;

import org.xcp.clusterstack.api.statefile.StatefileLayout;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.StatefileCodec;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.api.statefile.StatefilePrefix;
import org.xcp.clusterstack.api.statefile.Statefile;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.MAX_HOSTS;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.SECTION_SIZE;
import static org.xcp.clusterstack.api.statefile.StatefileLayout.SIZE;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.InputFile;
import org.xcp.clusterstack.api.OneLine;

/**
 * The statefile on disk, opened with {@code O_DIRECT} as xhad opens it (spec §5.1), so that every
 * host sees every other host's writes without a page cache in between. Every transfer is one whole
 * 4096-byte section at its own aligned offset, from one aligned direct buffer: on 4096-block file
 * systems anything smaller fails, and a host's write can never touch another host's section. Reads of
 * many sections ({@link #readPrefix}) are one transfer of whole sections: one syscall a cycle, not one
 * per host.
 *
 * <p>Only a block device or a regular file is opened ({@link InputFile#requireStatefile}): a FIFO, a socket, a
 * character device or a directory is refused before {@code open(2)}. Every failure is a {@link HaException}
 * with exit 8 naming the path. Not thread-safe beyond the
 * method level: methods are synchronized because they share the one buffer.
 */
public final class StatefileDevice implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final boolean writable;
    /** Regular files are checked for length before reading; block devices report size 0 to fstat. */
    private final boolean regularFile;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(2 * SECTION_SIZE).alignedSlice(SECTION_SIZE);
    /** For {@link #readPrefix}: grown to the largest prefix asked for, then reused with its heap copy. */
    private ByteBuffer prefixBuffer;
    private byte[] prefixBytes;

    private StatefileDevice(Path path, FileChannel channel, boolean writable, boolean regularFile) {
        this.path = path;
        this.channel = channel;
        this.writable = writable;
        this.regularFile = regularFile;
        buffer.limit(SECTION_SIZE);
    }

    /** Opens an existing statefile for reading and writing; never creates one. */
    public static StatefileDevice open(Path path) {
        return open(path, true);
    }

    public static StatefileDevice openReadOnly(Path path) {
        return open(path, false);
    }

    private static StatefileDevice open(Path path, boolean writable) {
        // Before open(2): opening a FIFO blocks until a writer comes, and a character device is no statefile.
        // A short regular file is let through: init grows it, and every read checks the length.
        InputFile.Found found = InputFile.requireStatefile(path, 0, ExitCode.CAN_NOT_ACCESS_STATEFILE,
                ExitCode.CAN_NOT_ACCESS_STATEFILE);
        OpenOption[] options = writable
                ? new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT}
                : new OpenOption[] {StandardOpenOption.READ, ExtendedOpenOption.DIRECT};
        try {
            FileChannel channel = FileChannel.open(path, options);
            return new StatefileDevice(path, channel, writable, found.kind() == InputFile.Kind.REGULAR_FILE);
        } catch (NoSuchFileException e) {
            throw failure(path, "does not exist", e);
        } catch (AccessDeniedException e) {
            throw failure(path, "cannot be opened: permission denied", e);
        } catch (FileSystemException e) {
            // open(2) answers EINVAL to O_DIRECT on file systems without direct I/O (e.g. older tmpfs).
            if ("Invalid argument".equals(e.getReason())) {
                throw failure(path, "cannot be opened: the file system does not support direct I/O (O_DIRECT)", e);
            }
            throw failure(path, "cannot be opened: " + reason(e), e);
        } catch (UnsupportedOperationException e) {
            throw failure(path, "cannot be opened: direct I/O (O_DIRECT) is not supported here", e);
        } catch (IOException e) {
            throw failure(path, "cannot be opened: " + reason(e), e);
        }
    }

    public Path path() {
        return path;
    }

    public synchronized GlobalSection readGlobal() {
        return StatefileCodec.decodeGlobal(read(StatefileLayout.GLOBAL_OFFSET, "the global section"));
    }

    public synchronized HostSection readHost(int index) {
        return StatefileCodec.decodeHost(read(StatefileLayout.hostOffset(index), "host section " + index));
    }

    /** All 65 sections, in one transfer. */
    public synchronized StatefileImage readImage() {
        StatefilePrefix all = readPrefix(MAX_HOSTS);
        return new StatefileImage(all.global(), all.hosts());
    }

    /**
     * The global section and host sections 0..{@code hostCount}-1, read in one direct transfer of
     * (1 + hostCount) whole sections from offset 0: what a daemon's cycle reads (spec §5.5).
     */
    public synchronized StatefilePrefix readPrefix(int hostCount) {
        if (hostCount < 0 || hostCount > MAX_HOSTS) {
            throw new IllegalArgumentException("host count " + hostCount + " is outside 0..64");
        }
        int length = (1 + hostCount) * SECTION_SIZE;
        byte[] bytes = readSpan(length);
        List<HostSection> hosts = new ArrayList<>(hostCount);
        for (int i = 0; i < hostCount; i++) {
            hosts.add(StatefileCodec.decodeHost(bytes, StatefileLayout.hostOffset(i)));
        }
        return new StatefilePrefix(StatefileCodec.decodeGlobal(bytes, StatefileLayout.GLOBAL_OFFSET), hosts);
    }

    public synchronized void writeGlobal(GlobalSection global) {
        write(StatefileLayout.GLOBAL_OFFSET, StatefileCodec.encodeGlobal(global), "the global section");
    }

    /**
     * A daemon's pending change of the global section (spec §5.4): applied to what is on disk now, so that hosts
     * changing different fields do not undo each other. A section that is not intact is exit 9, and not written.
     */
    public synchronized void updateGlobal(UnaryOperator<GlobalSection> change) {
        GlobalSection g = readGlobal();
        Statefile.requireIntact(path, g);
        writeGlobal(change.apply(g));
    }

    /** Writes exactly host {@code index}'s own 4 KiB section and nothing else (spec §5.4). */
    public synchronized void writeHost(int index, HostSection section) {
        write(StatefileLayout.hostOffset(index), StatefileCodec.encodeHost(section), "host section " + index);
    }

    /**
     * {@code ha_set_pool_state init}: writes all 65 sections of {@link StatefileImage#initial} (a short
     * regular file grows to 266,240 bytes; a larger device keeps its tail) and forces them to the medium.
     */
    public synchronized void format(HaUuid generation, int configHosts) {
        StatefileImage image = StatefileImage.initial(generation, configHosts);
        writeGlobal(image.global());
        for (int i = 0; i < MAX_HOSTS; i++) {
            writeHost(i, image.host(i));
        }
        try {
            channel.force(true);
        } catch (IOException e) {
            throw failure(path, "cannot flush the new statefile to disk: " + reason(e), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw failure(path, "cannot be closed: " + reason(e), e);
        }
    }

    private byte[] read(long offset, String what) {
        try {
            if (regularFile && channel.size() < SIZE) {
                throw failure(path, "is " + channel.size() + " bytes, shorter than a statefile (" + SIZE
                        + " bytes)");
            }
            buffer.clear().limit(SECTION_SIZE);
            int n = channel.read(buffer, offset);
            if (n != SECTION_SIZE) {
                throw failure(path, "short read of " + what + " at offset " + offset + ": got "
                        + Math.max(n, 0) + " of " + SECTION_SIZE + " bytes");
            }
            byte[] section = new byte[SECTION_SIZE];
            buffer.flip().get(section);
            return section;
        } catch (IOException e) {
            throw failure(path, "cannot read " + what + " at offset " + offset + ": " + reason(e), e);
        }
    }

    /** The first {@code length} bytes (whole sections) into the reused heap copy. */
    private byte[] readSpan(int length) {
        if (prefixBytes == null || prefixBytes.length < length) {
            prefixBuffer = ByteBuffer.allocateDirect(length + SECTION_SIZE).alignedSlice(SECTION_SIZE);
            prefixBytes = new byte[length];
        }
        try {
            if (regularFile && channel.size() < SIZE) {
                throw failure(path, "is " + channel.size() + " bytes, shorter than a statefile (" + SIZE
                        + " bytes)");
            }
            prefixBuffer.clear().limit(length);
            while (prefixBuffer.hasRemaining()) {
                // a short transfer goes on from where it stopped
                int n = channel.read(prefixBuffer, prefixBuffer.position());
                if (n <= 0) {
                    throw failure(path, "short read of " + spanName(length) + ": got " + prefixBuffer.position()
                            + " of " + length + " bytes");
                }
            }
            prefixBuffer.flip().get(prefixBytes, 0, length);
            return prefixBytes;
        } catch (IOException e) {
            throw failure(path, "cannot read " + spanName(length) + ": " + reason(e), e);
        }
    }

    private static String spanName(int length) {
        return length == SECTION_SIZE ? "the global section" : "the global section and host sections 0.."
                + (length / SECTION_SIZE - 2);
    }

    private void write(long offset, byte[] section, String what) {
        if (!writable) {
            throw new IllegalStateException("statefile " + path + " was opened read-only");
        }
        try {
            buffer.clear().limit(SECTION_SIZE);
            buffer.put(section).flip();
            int n = channel.write(buffer, offset);
            if (n != SECTION_SIZE) {
                throw failure(path, "short write of " + what + " at offset " + offset + ": wrote " + n
                        + " of " + SECTION_SIZE + " bytes");
            }
        } catch (IOException e) {
            throw failure(path, "cannot write " + what + " at offset " + offset + ": " + reason(e), e);
        }
    }

    private static HaException failure(Path path, String why) {
        return new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, OneLine.of("statefile " + path + ": " + why));
    }

    private static HaException failure(Path path, String why, Throwable cause) {
        return new HaException(ExitCode.CAN_NOT_ACCESS_STATEFILE, OneLine.of("statefile " + path + ": " + why),
                cause);
    }

    /** The OS's words without the path Java repeats in front of them. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

}
