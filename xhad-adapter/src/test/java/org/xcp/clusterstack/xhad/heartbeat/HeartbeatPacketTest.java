package org.xcp.clusterstack.xhad.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.xhad.heartbeat.HeartbeatFixtures.GENERATION;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;

/** The record refuses what could not be encoded in §6.2's fields. */
class HeartbeatPacketTest {
    private final HeartbeatPacket p = HeartbeatFixtures.distinctPacket(0);

    @Test
    void aNewBuilderStartsFromAHostThatKnowsNothing() {
        HeartbeatPacket fresh = new HeartbeatPacketBuilder(GENERATION, HeartbeatFixtures.uuid(0), 0).build();
        assertThat(fresh.sinceLastHbReceipt()).hasSize(64).containsOnly(-1);
        assertThat(fresh.sinceLastSfUpdate()).hasSize(64).containsOnly(-1);
        assertThat(fresh.sinceXapiRestart()).isEqualTo(-1);
        assertThat(fresh.currentLiveset()).isEqualTo(HostSet.EMPTY);
        assertThat(fresh.errString()).isEmpty();
        assertThat(fresh.toBuilder().build()).isEqualTo(fresh);
    }

    @Test
    void timingListsMustHave64Entries() {
        assertThatThrownBy(() -> new HeartbeatPacket(1, GENERATION, p.hostUuid(), 0, HostSet.EMPTY, HostSet.EMPTY,
                HostSet.EMPTY, HostSet.EMPTY, Collections.nCopies(63, -1), p.sinceLastSfUpdate(), -1, 0, "",
                false, false, false, false, false, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sinceLastHbReceipt has 63");
    }

    @Test
    void theErrorStringHoldsAtMost100Characters() {
        assertThat(p.toBuilder().errString("x".repeat(100)).build().errString()).hasSize(100);
        assertThatThrownBy(() -> p.toBuilder().errString("x".repeat(101)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("101 characters");
    }

    @Test
    void theErrorStringIsPrintableAscii() {
        assertThatThrownBy(() -> p.toBuilder().errString("nul\0inside").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII at 3");
        assertThatThrownBy(() -> p.toBuilder().errString("caf\u00e9").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theHostIndexIsOneOf64() {
        assertThatThrownBy(() -> p.toBuilder().host(p.hostUuid(), 64).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theTimingListsCannotBeChangedAfterwards() {
        assertThatThrownBy(() -> p.sinceLastHbReceipt().set(0, 5)).isInstanceOf(UnsupportedOperationException.class);
    }
}
