package org.xcp.clusterstack.ocfs2.o2cb;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * Reads a heartbeat region's slots from its device, passively (stacks.md §3.5, "direct passive read"): opened
 * read-only, never written, with {@code O_DIRECT} so that each read sees what the other hosts wrote rather
 * than this host's page cache. Where the file system refuses {@code O_DIRECT} (tmpfs before Linux 6.6,
 * procfs) it reads through the page cache instead and logs that once.
 *
 * <p>Direct reads must be aligned to the file system's block size, which may exceed {@code block_bytes}
 * (4096 against 512), so a read covers the aligned span around the slots and returns just the slots.
 */
public final class RegionReader implements AutoCloseable {
    /** Used when the file store does not say its block size. */
    private static final int DEFAULT_ALIGNMENT = 4096;

    private final HeartbeatRegion region;
    private final Path device;
    private final EngineLog log;
    private FileChannel channel;
    private boolean direct;
    private int alignment;
    private boolean fallbackLogged;
    private ByteBuffer buffer;

    public RegionReader(HeartbeatRegion region, Path device, EngineLog log) {
        if (!region.started()) {
            throw new IllegalArgumentException("region " + region.name() + " has no device");
        }
        this.region = region;
        this.device = device;
        this.log = log;
    }

    public HeartbeatRegion region() {
        return region;
    }

    public Path device() {
        return device;
    }

    /** True while reads bypass the page cache. */
    public boolean direct() {
        return direct;
    }

    /**
     * Slots 0..{@code slots}-1, {@code block_bytes} each, in one read. Exit 16 naming the device when it
     * cannot be opened or read, or is shorter than the region.
     */
    public synchronized byte[] read(int slots) {
        if (slots < 1 || slots > region.blocks()) {
            throw new IllegalArgumentException("region " + region.name() + " has " + region.blocks()
                    + " slots, not " + slots);
        }
        if (channel == null) {
            open();
        }
        long from = region.slotOffset(0);
        int length = slots * region.blockBytes();
        try {
            return direct ? readDirect(from, length) : readPlain(from, length);
        } catch (IOException e) {
            closeQuietly();
            throw failure("cannot be read at offset " + from + ": " + reason(e));
        }
    }

    private byte[] readDirect(long from, int length) throws IOException {
        long start = from / alignment * alignment;
        long end = from + length;
        int span = (int) ((end - start + alignment - 1) / alignment * alignment);
        if (buffer == null || buffer.capacity() < span) {
            buffer = ByteBuffer.allocateDirect(span + alignment).alignedSlice(alignment);
        }
        buffer.clear().limit(span);
        while (start + buffer.position() < end) {
            int n = channel.read(buffer, start + buffer.position());
            // a direct read stops short only at the end of the file; going on would be unaligned
            if (n <= 0 || (buffer.position() % alignment != 0 && start + buffer.position() < end)) {
                throw shortRead(from, length, start + buffer.position() - from);
            }
        }
        byte[] slots = new byte[length];
        buffer.get((int) (from - start), slots);
        return slots;
    }

    private byte[] readPlain(long from, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            int n = channel.read(b, from + b.position());
            if (n <= 0) {
                throw shortRead(from, length, b.position());
            }
        }
        return b.array();
    }

    private void open() {
        // before open(2): opening a FIFO blocks; a block device (or a regular file, in tests) is what o2hb reads
        InputFile.Kind kind = InputFile.kindOf(device);
        if (kind != InputFile.Kind.BLOCK_DEVICE && kind != InputFile.Kind.REGULAR_FILE && Files.exists(device)) {
            throw failure((kind == InputFile.Kind.OTHER ? "is not a regular file" : "is " + kind.words())
                    + ", not the region's block device");
        }
        try {
            channel = FileChannel.open(device, StandardOpenOption.READ, ExtendedOpenOption.DIRECT);
            direct = true;
            alignment = alignment();
            return;
        } catch (NoSuchFileException e) {
            throw failure("does not exist");
        } catch (FileSystemException | UnsupportedOperationException e) {
            // open(2) (or the JDK's fcntl) answers EINVAL where the file system has no direct I/O
            if (!(e instanceof UnsupportedOperationException) && !"Invalid argument".equals(
                    ((FileSystemException) e).getReason())) {
                throw failure("cannot be opened: " + reason(e));
            }
        } catch (IOException e) {
            throw failure("cannot be opened: " + reason(e));
        }
        try {
            channel = FileChannel.open(device, StandardOpenOption.READ);
            direct = false;
        } catch (IOException e) {
            throw failure("cannot be opened: " + reason(e));
        }
        if (!fallbackLogged) {
            fallbackLogged = true;
            log.warn("o2cb region " + region.name() + ": " + device + " refuses O_DIRECT; reading it through"
                    + " the page cache");
        }
    }

    private int alignment() {
        try {
            long size = Files.getFileStore(device).getBlockSize();
            long a = Math.max(size, region.blockBytes());
            return a > 0 && a <= (1 << 20) && Long.bitCount(a) == 1 ? (int) a : DEFAULT_ALIGNMENT;
        } catch (IOException | UnsupportedOperationException e) {
            return Math.max(DEFAULT_ALIGNMENT, region.blockBytes());
        }
    }

    private HaException shortRead(long from, int length, long got) {
        closeQuietly();
        return failure("is too short for region " + region.name() + ": read " + Math.max(got, 0) + " of "
                + length + " bytes at offset " + from);
    }

    private HaException failure(String problem) {
        return new HaException(ExitCode.INVALID_ENVIRONMENT, device + " (o2cb region " + region.name() + "): "
                + problem);
    }

    private static String reason(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // reopened on the next read
            }
            channel = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
