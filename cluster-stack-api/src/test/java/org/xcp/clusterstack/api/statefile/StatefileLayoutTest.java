package org.xcp.clusterstack.api.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StatefileLayoutTest {

    @Test
    void sizesAreThoseXapiAllocates() {
        assertThat(StatefileLayout.SIZE).isEqualTo(266_240).isEqualTo(4096 + 64 * 4096);
        assertThat(StatefileLayout.GLOBAL_DATA_LENGTH).isEqualTo(104);
        assertThat(StatefileLayout.HOST_DATA_LENGTH).isEqualTo(632);
    }

    @Test
    void hostSectionsFollowTheGlobalSection() {
        assertThat(StatefileLayout.hostOffset(0)).isEqualTo(4096);
        assertThat(StatefileLayout.hostOffset(63)).isEqualTo(64 * 4096);
        assertThat(StatefileLayout.hostOffset(63) + StatefileLayout.SECTION_SIZE).isEqualTo(StatefileLayout.SIZE);
        assertThatThrownBy(() -> StatefileLayout.hostOffset(64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatefileLayout.hostOffset(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invertedSignaturesFollowXhadsRule() {
        assertThat(StatefileLayout.GLOBAL_SIGNATURE_INVERTED).isEqualTo(0xF2721211);
        assertThat(StatefileLayout.HOST_SIGNATURE_INVERTED).isEqualTo(0xF1719212);
    }

    @Test
    void globalFieldsMatchTheSpecTableAndLeaveNoGaps() {
        int[] specOffsets = {0, 4, 8, 12, 16, 20, 24, 28, 60, 64, 96, 100};
        assertThat(Arrays.stream(GlobalField.values()).mapToInt(GlobalField::offset).toArray())
                .containsExactly(specOffsets);
        for (int i = 1; i < GlobalField.values().length; i++) {
            assertThat(GlobalField.values()[i].offset()).isEqualTo(GlobalField.values()[i - 1].end());
        }
        assertThat(GlobalField.LENGTH_HOST_SPECIFIC.fieldName()).isEqualTo("length_host_specific");
    }

    @Test
    void hostFieldsMatchTheSpecTableAndLeaveNoGaps() {
        int[] specOffsets = {0, 4, 8, 12, 16, 20, 52, 56, 60, 316, 572, 576, 584, 592, 600, 608, 612, 620, 624,
            628};
        assertThat(Arrays.stream(HostField.values()).mapToInt(HostField::offset).toArray())
                .containsExactly(specOffsets);
        for (int i = 1; i < HostField.values().length; i++) {
            assertThat(HostField.values()[i].offset()).isEqualTo(HostField.values()[i - 1].end());
        }
    }

    @Test
    void enumCodesAreTheStoredNumbers() {
        assertThat(PoolState.fromCode(2)).contains(PoolState.ACTIVE);
        assertThat(PoolState.fromCode(4)).isEmpty();
        assertThat(PoolState.INVALID.code()).isEqualTo(3);
        assertThat(SmPhase.fromCode(1)).contains(SmPhase.STARTED);
        assertThat(SmPhase.FH4DONE.code()).isEqualTo(11);
        assertThat(SmPhase.fromCode(12)).isEmpty();
        assertThat(SmPhase.fromCode(-1)).isEmpty();
    }
}
