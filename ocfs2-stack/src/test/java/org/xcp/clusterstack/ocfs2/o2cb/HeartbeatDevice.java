package org.xcp.clusterstack.ocfs2.o2cb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A heartbeat "device" for tests: a regular file holding a region at {@code start_block × block_bytes}, whose
 * slots test code writes as o2hb's owners would. Only tests write slots; the stack never does.
 */
final class HeartbeatDevice {
    private final Path file;
    private final int blockBytes;
    private final long startBlock;

    /** Creates the file, zero-filled from offset 0 to the end of the region (a freshly formatted region). */
    HeartbeatDevice(Path file, int blockBytes, long startBlock, int blocks) {
        this.file = file;
        this.blockBytes = blockBytes;
        this.startBlock = startBlock;
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.allocate(1), (startBlock + blocks) * blockBytes - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HeartbeatDevice(Path file, int blockBytes, long startBlock) {
        this.file = file;
        this.blockBytes = blockBytes;
        this.startBlock = startBlock;
    }

    /** A region inside an existing device or image, which is left as it is until a slot is written. */
    static HeartbeatDevice existing(Path file, int blockBytes, long startBlock) {
        return new HeartbeatDevice(file, blockBytes, startBlock);
    }

    Path file() {
        return file;
    }

    /** Node {@code block.node()}'s slot, as its owner writes it (checksum computed). */
    void write(HeartbeatBlock block) {
        writeRaw(block.node(), HeartbeatBlockCodec.seal(block, blockBytes));
    }

    /** Slot {@code node} exactly as given (a torn or corrupted write). */
    void writeRaw(int node, byte[] slot) {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.WRITE)) {
            c.write(ByteBuffer.wrap(slot), (startBlock + node) * blockBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
