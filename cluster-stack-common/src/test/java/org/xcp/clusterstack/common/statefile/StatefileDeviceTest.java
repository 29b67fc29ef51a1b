package org.xcp.clusterstack.common.statefile;

import org.xcp.clusterstack.api.statefile.StatefileLayout;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.StatefileCodec;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.api.statefile.StatefilePrefix;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.Fixtures;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.xcp.clusterstack.api.statefile.Fixtures.GENERATION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HostSet;

/** The O_DIRECT device on a real file (the build's temp dir is on ext4, which supports direct I/O). */
class StatefileDeviceTest {
    @TempDir
    Path dir;

    private static AbstractThrowableAssert<?, ? extends Throwable> assertExit8(Runnable action, Path path) {
        return assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CAN_NOT_ACCESS_STATEFILE))
                .hasMessageStartingWith("statefile " + path + ": ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    private Path fixtureCopy() throws Exception {
        return Files.write(dir.resolve("statefile"), Fixtures.threeUpBytes());
    }

    @Test
    void readsTheFixtureSectionBySection() throws Exception {
        try (StatefileDevice device = StatefileDevice.openReadOnly(fixtureCopy())) {
            assertThat(device.readImage()).isEqualTo(Fixtures.threeUp());
            assertThat(device.readGlobal().poolStateValue()).contains(PoolState.ACTIVE);
            assertThat(device.readHost(1).sequence()).isEqualTo(13);
        }
    }

    @Test
    void oneTransferOfThePrefixGivesExactlyTheSectionsReadOneByOne() throws Exception {
        try (StatefileDevice device = StatefileDevice.openReadOnly(fixtureCopy())) {
            for (int hostCount : new int[] {0, 1, 3, 16, 63, 64, 2}) { // shrinking after growing reuses the buffer
                StatefilePrefix prefix = device.readPrefix(hostCount);
                assertThat(prefix.global()).isEqualTo(device.readGlobal());
                List<HostSection> oneByOne = new ArrayList<>();
                for (int i = 0; i < hostCount; i++) {
                    oneByOne.add(device.readHost(i));
                }
                assertThat(prefix.hosts()).as("%d hosts", hostCount).isEqualTo(oneByOne);
            }
            assertThat(device.readPrefix(3).hosts()).isEqualTo(Fixtures.threeUp().hosts().subList(0, 3));
            assertThat(device.readPrefix(3).hosts().get(1).sequence()).isEqualTo(13);
        }
    }

    @Test
    void aPrefixReadSeesTheLatestWrites() throws Exception {
        try (StatefileDevice device = StatefileDevice.open(fixtureCopy())) {
            HostSection mine = device.readPrefix(3).hosts().get(2);
            HostSection next = mine.toBuilder().sequence(mine.sequence() + 1).build();
            device.writeHost(2, next);
            assertThat(device.readPrefix(3).hosts().get(2)).isEqualTo(next);
        }
    }

    @Test
    void aHostWriteChangesOnlyThatHostsSection() throws Exception {
        Path file = fixtureCopy();
        HostSection next;
        try (StatefileDevice device = StatefileDevice.open(file)) {
            HostSection mine = device.readHost(1);
            next = mine.toBuilder().sequence(mine.sequence() + 1).excluded(true).build();
            device.writeHost(1, next);
            assertThat(device.readHost(1)).isEqualTo(next);
        }
        byte[] expected = Fixtures.threeUpBytes();
        System.arraycopy(StatefileCodec.encodeHost(next), 0, expected, StatefileLayout.hostOffset(1), 4096);
        assertThat(Files.readAllBytes(file)).isEqualTo(expected);
    }

    @Test
    void aGlobalWriteChangesOnlyTheGlobalSection() throws Exception {
        Path file = fixtureCopy();
        try (StatefileDevice device = StatefileDevice.open(file)) {
            device.writeGlobal(device.readGlobal().withPoolState(PoolState.INVALID).withMaster(Optional.empty()));
            GlobalSection g = device.readGlobal();
            assertThat(g.poolStateValue()).contains(PoolState.INVALID);
            assertThat(g.masterHost()).isEmpty();
            assertThat(g.faults(Optional.of(GENERATION))).isEmpty();
        }
        byte[] after = Files.readAllBytes(file);
        byte[] before = Fixtures.threeUpBytes();
        assertThat(Arrays.copyOfRange(after, 4096, after.length))
                .isEqualTo(Arrays.copyOfRange(before, 4096, before.length));
    }

    @Test
    void aMissingPathIsExit8AndIsNotCreated() {
        Path missing = dir.resolve("no-such-statefile");
        assertExit8(() -> StatefileDevice.open(missing), missing).hasMessageContaining("no such file");
        assertExit8(() -> StatefileDevice.openReadOnly(missing), missing);
        assertThat(missing).doesNotExist();
    }

    @Test
    void aFifoOrACharacterDeviceIsExit8BeforeItIsOpened() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO blocks until a writer comes: the check must come first, so a regression fails, not hangs
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertExit8(() -> StatefileDevice.open(fifo), fifo)
                    .hasMessage("statefile " + fifo + ": is a FIFO, not a regular file or a block device");
            assertExit8(() -> StatefileDevice.openReadOnly(fifo), fifo);
        });
        Path zero = Path.of("/dev/zero");
        assertExit8(() -> StatefileDevice.openReadOnly(zero), zero)
                .hasMessage("statefile /dev/zero: is a character device, not a regular file or a block device");
    }

    @Test
    void aShortFileCannotBeReadButCanBeFormatted() throws Exception {
        Path file = Files.write(dir.resolve("short"), new byte[100]);
        try (StatefileDevice device = StatefileDevice.open(file)) {
            assertExit8(device::readGlobal, file).hasMessageContaining("100 bytes");
            assertExit8(() -> device.readHost(0), file);
            assertExit8(device::readImage, file);
            assertExit8(() -> device.readPrefix(3), file).hasMessageContaining("100 bytes");
            device.format(GENERATION, 2);
            assertThat(device.readImage()).isEqualTo(StatefileImage.initial(GENERATION, 2));
        }
    }

    @Test
    void aDirectoryIsExit8() {
        assertExit8(() -> StatefileDevice.open(dir), dir).hasMessageContaining("directory");
        assertExit8(() -> StatefileDevice.openReadOnly(dir), dir);
    }

    @Test
    void aFileSystemWithoutDirectIoIsExit8SayingSo() {
        // procfs answers O_DIRECT with EINVAL, exactly as tmpfs did before Linux 6.6.
        Path procFile = Path.of("/proc/version");
        assertThat(procFile).as("Linux procfs, which every machine this runs on has").isReadable();
        assertExit8(() -> StatefileDevice.openReadOnly(procFile), procFile)
                .hasMessageContaining("the file system does not support direct I/O");
    }

    @Test
    void aReadOnlyDeviceRefusesToWrite() throws Exception {
        try (StatefileDevice device = StatefileDevice.openReadOnly(fixtureCopy())) {
            assertThatThrownBy(() -> device.writeHost(0, HostSection.blank()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void hostIndexesOutsideThePoolAreRejectedBeforeAnyIo() throws Exception {
        try (StatefileDevice device = StatefileDevice.open(fixtureCopy())) {
            assertThatThrownBy(() -> device.readHost(64)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> device.readPrefix(65)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> device.writeHost(-1, HostSection.builder().lockGrant(HostSet.of(0)).build()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aClosedDeviceFailsWithExit8() throws Exception {
        Path file = fixtureCopy();
        StatefileDevice device = StatefileDevice.open(file);
        device.close();
        assertExit8(device::readGlobal, file);
        assertExit8(() -> device.readPrefix(3), file);
    }
}
