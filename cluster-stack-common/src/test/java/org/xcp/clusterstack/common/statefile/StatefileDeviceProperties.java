package org.xcp.clusterstack.common.statefile;

import org.xcp.clusterstack.api.statefile.StatefileLayout;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.api.statefile.SectionArbitraries;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** Few tries: each one writes and reads a real file with O_DIRECT. */
class StatefileDeviceProperties {

    @Provide
    Arbitrary<Integer> fileLengths() {
        int size = StatefileLayout.SIZE;
        return Arbitraries.oneOf(
                Arbitraries.of(0, 1, 100, 4095, 4096, 4097, size - 1, size, size + 1, size + 4096),
                Arbitraries.integers().between(0, size + 8192));
    }

    @Property(tries = 12)
    void anyFileEitherReadsBackItsBytesOrFailsWithExit8(@ForAll long seed, @ForAll("fileLengths") int length)
            throws Exception {
        byte[] bytes = SectionArbitraries.randomBytes(seed, length);
        Path file = Files.createTempFile("statefile-property", ".bin");
        try {
            Files.write(file, bytes);
            try (StatefileDevice device = StatefileDevice.open(file)) {
                StatefileImage image = device.readImage();
                assertThat(length).isGreaterThanOrEqualTo(StatefileLayout.SIZE);
                assertThat(image).isEqualTo(StatefileImage.decode(bytes));
            } catch (HaException e) {
                assertThat(e.exitCode()).isEqualTo(ExitCode.CAN_NOT_ACCESS_STATEFILE);
                assertThat(length).isLessThan(StatefileLayout.SIZE);
                assertThat(e.getMessage()).contains(file.toString(), length + " bytes");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
