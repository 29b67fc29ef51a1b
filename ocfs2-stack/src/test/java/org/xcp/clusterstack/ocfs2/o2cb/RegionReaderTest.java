package org.xcp.clusterstack.ocfs2.o2cb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.EngineLog;

/**
 * Passive reads of a region's slots. The build's temp dir is on ext4, which supports O_DIRECT; procfs refuses
 * it with EINVAL, as tmpfs did before Linux 6.6, and stands in for such a file system.
 */
class RegionReaderTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final EngineLog engineLog = log::add;

    private static HeartbeatRegion region(int blockBytes, long startBlock, int blocks) {
        return new HeartbeatRegion("R1", blockBytes, startBlock, blocks, "hb0", OptionalLong.of(1));
    }

    @Test
    void readsTheSlotsFromStartBlockTimesBlockBytesWithDirectIo() {
        // start_block 3 x 512 = 1536: not aligned to the file system's 4096-byte blocks
        HeartbeatDevice device = new HeartbeatDevice(dir.resolve("hb0"), 512, 3, 255);
        HeartbeatBlock node2 = HeartbeatBlock.beat(77, 2, 5, 62_000);
        device.write(node2);
        try (RegionReader reader = new RegionReader(region(512, 3, 255), device.file(), engineLog)) {
            byte[] slots = reader.read(4);
            assertThat(reader.direct()).isTrue();
            assertThat(slots).hasSize(4 * 512);
            assertThat(HeartbeatBlockCodec.decode(slots, 2 * 512)).isEqualTo(HeartbeatBlockCodec.decode(
                    HeartbeatBlockCodec.seal(node2, 512), 0));
            assertThat(HeartbeatBlockCodec.checksumValid(slots, 2 * 512, 512)).isTrue();
            assertThat(Arrays.copyOfRange(slots, 0, 2 * 512)).containsOnly((byte) 0);
            device.write(HeartbeatBlock.beat(79, 2, 5, 62_000));
            assertThat(HeartbeatBlockCodec.decode(reader.read(4), 2 * 512).seq()).as("not a cached copy").isEqualTo(79);
        }
        assertThat(log).isEmpty();
    }

    @Test
    void readsFourKilobyteSlots() {
        HeartbeatDevice device = new HeartbeatDevice(dir.resolve("hb0"), 4096, 1, 8);
        device.write(HeartbeatBlock.beat(9, 7, 5, 62_000));
        try (RegionReader reader = new RegionReader(region(4096, 1, 8), device.file(), engineLog)) {
            byte[] slots = reader.read(8);
            assertThat(HeartbeatBlockCodec.decode(slots, 7 * 4096).node()).isEqualTo(7);
            assertThat(HeartbeatBlockCodec.checksumValid(slots, 7 * 4096, 4096)).isTrue();
        }
    }

    @Test
    void neverWritesTheDevice() throws IOException {
        HeartbeatDevice device = new HeartbeatDevice(dir.resolve("hb0"), 512, 3, 16);
        device.write(HeartbeatBlock.beat(1, 0, 5, 62_000));
        byte[] before = Files.readAllBytes(device.file());
        var modified = Files.getLastModifiedTime(device.file());
        try (RegionReader reader = new RegionReader(region(512, 3, 16), device.file(), engineLog)) {
            reader.read(16);
            reader.read(16);
        }
        assertThat(Files.readAllBytes(device.file())).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(device.file())).isEqualTo(modified);
        assertThat(Files.isWritable(device.file())).isTrue(); // so only the read-only open kept it unchanged
    }

    @Test
    void aDeviceShorterThanTheRegionIsExit16NamingIt() throws IOException {
        Path file = dir.resolve("hb0");
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            c.truncate(0).write(java.nio.ByteBuffer.allocate(3 * 512 + 700), 0);
        }
        try (RegionReader reader = new RegionReader(region(512, 3, 4), file, engineLog)) {
            assertThatThrownBy(() -> reader.read(4)).isInstanceOfSatisfying(HaException.class, e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
                assertThat(e.getMessage()).isEqualTo(file + " (o2cb region R1): is too short for region R1: read"
                        + " 700 of 2048 bytes at offset 1536");
            });
        }
    }

    @Test
    void aMissingDeviceIsExit16NamingIt() {
        Path file = dir.resolve("sdz");
        try (RegionReader reader = new RegionReader(region(512, 3, 4), file, engineLog)) {
            assertThatThrownBy(() -> reader.read(1)).isInstanceOf(HaException.class)
                    .hasMessage(file + " (o2cb region R1): does not exist");
        }
    }

    @Test
    void aFifoOrACharacterDeviceIsExit16BeforeItIsOpened() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            try (RegionReader reader = new RegionReader(region(512, 3, 4), fifo, engineLog)) {
                assertThatThrownBy(() -> reader.read(1)).isInstanceOf(HaException.class)
                        .hasMessage(fifo + " (o2cb region R1): is a FIFO, not the region's block device");
            }
        });
        Path zero = Path.of("/dev/zero");
        try (RegionReader reader = new RegionReader(region(512, 3, 4), zero, engineLog)) {
            assertThatThrownBy(() -> reader.read(1)).isInstanceOf(HaException.class)
                    .hasMessage("/dev/zero (o2cb region R1): is a character device, not the region's block device");
        }
    }

    @Test
    void whereTheFileSystemRefusesDirectIoItReadsThroughThePageCacheAndLogsThatOnce() throws IOException {
        Path procfs = Path.of("/proc/cpuinfo"); // a few kilobytes; O_DIRECT answers EINVAL
        try (RegionReader reader = new RegionReader(region(512, 1, 2), procfs, engineLog)) {
            byte[] read = null;
            byte[] expected = new byte[0];
            for (int attempt = 0; attempt < 5 && !Arrays.equals(read, expected); attempt++) {
                // cpuinfo's "cpu MHz" may move under frequency scaling: compare with a plain read around it
                byte[] before = Files.readAllBytes(procfs);
                read = reader.read(2);
                byte[] after = Files.readAllBytes(procfs);
                expected = Arrays.equals(before, after) ? Arrays.copyOfRange(before, 512, 1536) : new byte[0];
            }
            assertThat(read).isEqualTo(expected);
            assertThat(reader.direct()).isFalse();
            reader.read(1);
        }
        assertThat(log).containsExactly("WARNING o2cb region R1: /proc/cpuinfo refuses O_DIRECT; reading it"
                + " through the page cache");
    }
}
