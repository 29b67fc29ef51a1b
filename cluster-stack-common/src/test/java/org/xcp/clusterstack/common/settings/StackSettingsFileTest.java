package org.xcp.clusterstack.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** A stack's settings file: none is the defaults, a regular file is parsed, anything else is 7 before it is opened. */
class StackSettingsFileTest {
    @TempDir
    Path dir;

    @Test
    void noFileIsTheDefaults() {
        assertThat(StackSettingsFile.read(dir.resolve("corosync.conf")).get("any")).isEmpty();
    }

    @Test
    void aRegularFileIsParsed() throws Exception {
        Path f = Files.writeString(dir.resolve("corosync.conf"), "# comment\ncorosync.timeout = 5000\n");
        assertThat(StackSettingsFile.read(f).get("corosync.timeout")).isEqualTo(Optional.of("5000"));
    }

    @Test
    void aFifoIsExit7WithoutBlocking() throws Exception {
        Path fifo = dir.resolve("corosync.conf");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertRefused(fifo, fifo + ": is a FIFO, not a regular file"));
    }

    @Test
    void aDirectoryDevZeroAndAHugeFileAreExit7() throws Exception {
        assertRefused(dir, dir + ": is a directory, not a regular file");
        assertRefused(Path.of("/dev/zero"), "/dev/zero: is a character device, not a regular file");
        Path huge = dir.resolve("huge.conf");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(5L << 30);
        }
        assertRefused(huge, huge + ": 5 GiB is larger than the 1 MiB a stack settings file can be");
    }

    private static void assertRefused(Path file, String message) {
        assertThatThrownBy(() -> StackSettingsFile.read(file)).isInstanceOfSatisfying(HaException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
