package org.xcp.clusterstack.xhad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.xhad.core.SurvivalRule.Domains;

/** Spec §7.3 FH2: the merge when the members' views never agree. */
class ViewMergeTest {
    private final Map<Integer, Domains> reported = new HashMap<>();

    private HostSet keep(HostSet members, HostSet mySf) {
        return ViewMerge.keep(members, mySf, i -> Optional.ofNullable(reported.get(i)));
    }

    @Test
    void aFullyConnectedGroupIsKeptWhole() {
        HostSet all = HostSet.of(0, 1, 2);
        for (int i = 0; i < 3; i++) {
            reported.put(i, new Domains(all, all, 1));
        }
        assertThat(keep(all, all)).isEqualTo(all);
    }

    @Test
    void aTwoHostSplitKeepsTheLowerIndex() {
        reported.put(0, new Domains(HostSet.of(0), HostSet.of(0, 1), 1));
        reported.put(1, new Domains(HostSet.of(1), HostSet.of(0, 1), 1));

        assertThat(keep(HostSet.of(0, 1), HostSet.of(0, 1))).isEqualTo(HostSet.of(0));
    }

    @Test
    void hostsWithoutTheStatefileAreDroppedFirst() {
        HostSet all = HostSet.of(0, 1, 2);
        reported.put(0, new Domains(all, HostSet.of(0, 1), 1));
        reported.put(1, new Domains(all, HostSet.of(0, 1), 1));
        reported.put(2, new Domains(all, HostSet.EMPTY, 1));

        assertThat(keep(all, HostSet.of(0, 1))).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void aOneWayLinkDropsTheHostWithTheSmallerDomain() {
        // 2 no longer hears 0; 0 and 1 hear everyone
        HostSet all = HostSet.of(0, 1, 2);
        reported.put(0, new Domains(all, all, 1));
        reported.put(1, new Domains(all, all, 1));
        reported.put(2, new Domains(HostSet.of(1, 2), all, 1));

        assertThat(keep(all, all)).isEqualTo(HostSet.of(0, 1));
    }

    @Test
    void whenNobodyHasTheStatefileOnlyConnectivityCounts() {
        HostSet all = HostSet.of(0, 1, 2);
        reported.put(0, new Domains(HostSet.of(0, 1), HostSet.EMPTY, 1));
        reported.put(1, new Domains(HostSet.of(0, 1), HostSet.EMPTY, 1));
        reported.put(2, new Domains(HostSet.of(2), HostSet.EMPTY, 1));

        assertThat(keep(all, HostSet.EMPTY)).isEqualTo(HostSet.of(0, 1));
    }
}
