package org.xcp.clusterstack.common.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.statefile.Fixtures.GENERATION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.statefile.Fixtures;
import org.xcp.clusterstack.api.statefile.StatefileImage;

/** What {@code ha_set_pool_state init} leaves on a real file (spec §5.2, §5.3 "After init"). */
class InitialFormatTest {
    private final byte[] bytes = StatefileImage.initial(GENERATION, 3).encode();

    @Test
    void formatOnARealFileWritesTheInitialImage(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("statefile"));
        try (StatefileDevice device = StatefileDevice.open(file)) {
            device.format(GENERATION, 3);
            assertThat(device.readImage()).isEqualTo(StatefileImage.initial(GENERATION, 3));
        }
        assertThat(Files.size(file)).isEqualTo(266_240);
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
    }

    @Test
    void formatOverwritesAnOldPoolAndKeepsALargerDevicesTail(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("statefile");
        byte[] old = new byte[266_240 + 4096];
        System.arraycopy(Fixtures.threeUpBytes(), 0, old, 0, 266_240);
        Arrays.fill(old, 266_240, old.length, (byte) 0x5A);
        Files.write(file, old);
        try (StatefileDevice device = StatefileDevice.open(file)) {
            device.format(GENERATION, 5);
        }
        byte[] now = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(now, 266_240)).isEqualTo(StatefileImage.initial(GENERATION, 5).encode());
        assertThat(Arrays.copyOfRange(now, 266_240, now.length)).containsOnly(0x5A);
    }
}
