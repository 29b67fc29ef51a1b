package org.xcp.clusterstack.daemon.managed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.spi.MembershipView;

/** stacks.md §5.3 on samples: a departed peer is held live for the fence window; silence is not an answer. */
class HeldMembershipTest {
    static final long S = 1_000_000_000L;
    final List<HaUuid> ids = List.of(HaUuid.parse("00000001-1111-4222-8333-000000000000"),
            HaUuid.parse("00000002-1111-4222-8333-000000000001"), HaUuid.parse("00000003-1111-4222-8333-000000000002"));
    final HeldMembership held;

    HeldMembershipTest() {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse("a55e901b-fd4c-4037-abbf-c0dd3960dc4a"))
                .heartbeatInterface("lo").stateFile(java.nio.file.Path.of("/tmp/none"));
        for (int i = 0; i < 3; i++) {
            b.host(ids.get(i), "127.0.0." + (i + 1));
        }
        held = new HeldMembership(b.build(ids.get(0)), Duration.ofSeconds(10));
    }

    MembershipView quorate(int... members) {
        Set<HaUuid> m = new java.util.HashSet<>();
        for (int i : members) {
            m.add(ids.get(i));
        }
        return new MembershipView(true, true, m, "test");
    }

    @Test
    void aPeerThatLeavesStaysLiveUntilTheWindowHasPassedSinceTheFirstSampleWithoutIt() {
        assertThat(held.update(0, quorate(0, 1, 2))).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.update(5 * S, quorate(0, 1))).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.held()).isEqualTo(HostSet.of(2));
        assertThat(held.update(15 * S - 1, quorate(0, 1))).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.update(15 * S, quorate(0, 1))).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void aPeerBackWithinTheWindowIsSimplyLiveAndItsWindowStartsAgainNextTime() {
        held.update(0, quorate(0, 1, 2));
        held.update(1 * S, quorate(0, 1));
        held.update(2 * S, quorate(0, 1, 2));
        held.update(9 * S, quorate(0, 1));
        assertThat(held.update(18 * S, quorate(0, 1)).contains(2)).isTrue();
        assertThat(held.update(19 * S, quorate(0, 1)).contains(2)).isFalse();
    }

    @Test
    void aHostNeverSeenIsNeverHeld() {
        assertThat(held.update(0, quorate(0, 1))).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void outsideTheQuoratePartitionNobodyIsLive() {
        held.update(0, quorate(0, 1, 2));
        assertThat(held.update(S, new MembershipView(true, false, Set.of(ids.get(0)), "isolated"))).isEqualTo(HostSet.EMPTY);
        assertThat(held.quorate()).isFalse();
        assertThat(held.update(2 * S, quorate(1, 2))).as("quorate without me").isEqualTo(HostSet.EMPTY);
    }

    @Test
    void aSilentManagerLeavesTheLastAnswerStandingForTheWindowThenCountsTheHostOut() {
        held.update(0, quorate(0, 1, 2));
        assertThat(held.update(S, MembershipView.unreachable("timed out"))).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.quorate()).isTrue();
        assertThat(held.update(11 * S - 1, MembershipView.unreachable("timed out"))).isEqualTo(HostSet.of(0, 1, 2));
        assertThat(held.update(11 * S, MembershipView.unreachable("timed out"))).isEqualTo(HostSet.EMPTY);
        assertThat(held.quorate()).isFalse();
    }
}
