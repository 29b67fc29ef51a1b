package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JNR calls against files that are not watchdogs: the ioctls fail with ENOTTY, the keep-alive falls back
 * to a one-byte write, the magic close writes 'V'. A real watchdog is not tested: it would reset the machine.
 */
class JnrWatchdogDeviceTest {
    @Test
    void theIoctlNumbersAreLinuxs() {
        // _IOC(dir, 'W', nr, sizeof(int)): dir in bits 30-31 (read 2, write 1), size in 16-29, type in 8-15
        assertThat(JnrWatchdogDevice.WDIOC_SETTIMEOUT).isEqualTo((3L << 30) | (4L << 16) | ('W' << 8) | 6);
        assertThat(JnrWatchdogDevice.WDIOC_KEEPALIVE).isEqualTo((2L << 30) | (4L << 16) | ('W' << 8) | 5);
    }

    @Test
    void onAPlainFileTheTimeoutFailsWithEnottyAndThePetsAreWrites(@TempDir Path dir) throws IOException {
        Path file = Files.createFile(dir.resolve("not-a-watchdog"));
        JnrWatchdogDevice device = JnrWatchdogDevice.open(file);

        assertThatThrownBy(() -> device.setTimeout(60)).isInstanceOf(JnrWatchdogDevice.NotATty.class)
                .hasMessage("WDIOC_SETTIMEOUT on " + file + ": ENOTTY (Inappropriate ioctl for device) (not a watchdog)");
        device.keepAlive();
        device.keepAlive();
        device.magicClose();

        assertThat(Files.readAllBytes(file)).containsExactly(0, 0, 'V');
        assertThatThrownBy(device::keepAlive).hasMessageContaining("is closed");
        device.close(); // idempotent
    }

    @Test
    void devNullTakesThePetsAndTheMagicClose() throws IOException {
        JnrWatchdogDevice device = JnrWatchdogDevice.open(Path.of("/dev/null"));

        device.keepAlive();
        device.magicClose();
    }

    @Test
    void openNeverCreatesTheFile(@TempDir Path dir) {
        Path missing = dir.resolve("watchdog");

        assertThatThrownBy(() -> JnrWatchdogDevice.open(missing)).isInstanceOf(IOException.class)
                .hasMessage("open " + missing + ": ENOENT (No such file or directory)");
        assertThat(missing).doesNotExist();
    }
}
