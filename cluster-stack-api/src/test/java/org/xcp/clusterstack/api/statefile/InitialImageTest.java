package org.xcp.clusterstack.api.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.statefile.Fixtures.GENERATION;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code ha_set_pool_state init} leaves on disk (spec §5.2, §5.3 "After init"). */
class InitialImageTest {
    private final byte[] bytes = StatefileImage.initial(GENERATION, 3).encode();
    private final ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void globalFieldsSitAtTheSpecOffsets() {
        assertThat(bytes).hasSize(266_240);
        assertThat(Arrays.copyOfRange(bytes, 0, 4)).isEqualTo("pool".getBytes(StandardCharsets.US_ASCII));
        assertThat(le.getInt(4)).isEqualTo(0xF2721211);
        assertThat(le.getInt(8)).isEqualTo(0x3F80CB55);
        assertThat(le.getInt(12)).isEqualTo(2);
        assertThat(le.getInt(16)).isEqualTo(4096);
        assertThat(le.getInt(20)).isEqualTo(4096);
        assertThat(le.getInt(24)).isEqualTo(64);
        assertThat(new String(bytes, 28, 32, StandardCharsets.US_ASCII)).isEqualTo(GENERATION.compact());
        assertThat(le.getInt(60)).isEqualTo(1);
        assertThat(new String(bytes, 64, 32, StandardCharsets.US_ASCII)).isEqualTo("0".repeat(32));
        assertThat(le.getInt(96)).isEqualTo(3);
        assertThat(Arrays.copyOfRange(bytes, 100, 104)).isEqualTo("endp".getBytes(StandardCharsets.US_ASCII));
        assertThat(Arrays.copyOfRange(bytes, 104, 4096)).containsOnly(0);
    }

    @Test
    void everyHostSectionHoldsOnlySignaturesAndEndMarker() {
        byte[] expected = new byte[4096];
        System.arraycopy("host".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 4);
        ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 0xF1719212);
        System.arraycopy("endh".getBytes(StandardCharsets.US_ASCII), 0, expected, 628, 4);
        for (int i = 0; i < 64; i++) {
            int at = 4096 * (1 + i);
            assertThat(Arrays.copyOfRange(bytes, at, at + 4096)).as("host section %d", i).isEqualTo(expected);
        }
        assertThat(HostSection.blank().faults()).isEmpty();
    }

    @Test
    void initialGlobalIsValidForItsGenerationAndNamesNoMaster() {
        GlobalSection g = GlobalSection.initial(GENERATION, 3);
        assertThat(g.faults(Optional.of(GENERATION))).isEmpty();
        assertThat(g.poolStateValue()).contains(PoolState.INIT);
        assertThat(g.masterHost()).isEmpty();
    }
}
