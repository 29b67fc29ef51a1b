package org.xcp.clusterstack.xhad.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.xhad.core.SurvivalRule.Domains;
import org.xcp.clusterstack.xhad.core.SurvivalRule.Verdict;

/** Spec §7.3 FH3, rule by rule, as each host of a pool would evaluate it. */
class SurvivalRuleTest {
    private static final HostSet THREE = HostSet.of(0, 1, 2);

    /** What every host reported on the statefile, shared by all the hosts that read it. */
    private final Map<Integer, Domains> reported = new HashMap<>();
    private HostSet withoutStatefile = HostSet.EMPTY;
    private HostSet excluded = HostSet.EMPTY;

    private Verdict at(int me, HostSet configured, HostSet hb, HostSet sf) {
        reported.putIfAbsent(me, new Domains(hb, sf, 1));
        return SurvivalRule.decide(new SurvivalRule.Input(me, configured, configured, hb, sf,
                i -> Optional.ofNullable(reported.get(i)), withoutStatefile, excluded));
    }

    private void reports(int host, HostSet hb, HostSet sf) {
        reported.put(host, new Domains(hb, sf, 1));
    }

    @Test
    void sr1HoldsWhenEveryoneOnTheStatefileIsHeard() {
        reports(0, HostSet.of(0, 1), HostSet.of(0, 1));
        reports(1, HostSet.of(0, 1), HostSet.of(0, 1));

        // host 2 crashed: gone from both channels
        assertThat(at(0, THREE, HostSet.of(0, 1), HostSet.of(0, 1))).isEqualTo(Verdict.SR1);
        assertThat(at(1, THREE, HostSet.of(0, 1), HostSet.of(0, 1))).isEqualTo(Verdict.SR1);
    }

    @Test
    void sr1NeedsSomeoneOnTheStatefile() {
        withoutStatefile = HostSet.of(0, 1, 2).without(2);

        assertThat(at(0, THREE, HostSet.of(0, 1, 2), HostSet.EMPTY)).isEqualTo(Verdict.LOSE);
    }

    @Test
    void twoHostSplitFencesTheHigherIndex() {
        reports(0, HostSet.of(0), HostSet.of(0, 1));
        reports(1, HostSet.of(1), HostSet.of(0, 1));
        HostSet two = HostSet.of(0, 1);

        assertThat(at(0, two, HostSet.of(0), two)).isEqualTo(Verdict.LARGEST_PARTITION);
        assertThat(at(1, two, HostSet.of(1), two)).isEqualTo(Verdict.LOSE);
    }

    @Test
    void theLargerPartitionWinsWhateverItsIndexes() {
        // 0 | 1 2: the network splits host 0 off; everyone still has the statefile
        reports(0, HostSet.of(0), THREE);
        reports(1, HostSet.of(1, 2), THREE);
        reports(2, HostSet.of(1, 2), THREE);

        assertThat(at(0, THREE, HostSet.of(0), THREE)).isEqualTo(Verdict.LOSE);
        assertThat(at(1, THREE, HostSet.of(1, 2), THREE)).isEqualTo(Verdict.LARGEST_PARTITION);
        assertThat(at(2, THREE, HostSet.of(1, 2), THREE)).isEqualTo(Verdict.LARGEST_PARTITION);
    }

    @Test
    void aHostWithoutTheStatefileHasNoSizeAndLosesAlone() {
        // host 2 lost its statefile path; the network is fine
        withoutStatefile = HostSet.of(2);
        reports(0, THREE, HostSet.of(0, 1));
        reports(1, THREE, HostSet.of(0, 1));
        reports(2, THREE, HostSet.EMPTY);

        assertThat(at(0, THREE, THREE, HostSet.of(0, 1))).isEqualTo(Verdict.SR1);
        assertThat(at(2, THREE, THREE, HostSet.EMPTY)).isEqualTo(Verdict.LOSE);
    }

    @Test
    void sr2WhenNobodyHasTheStatefileAndEveryoneIsHeard() {
        withoutStatefile = THREE;

        assertThat(at(0, THREE, THREE, HostSet.EMPTY)).isEqualTo(Verdict.SR2);
        assertThat(at(2, THREE, THREE, HostSet.EMPTY)).isEqualTo(Verdict.SR2);
    }

    @Test
    void sr2AllowsMissingHostsOnlyIfTheyLeftOnPurpose() {
        withoutStatefile = THREE;

        assertThat(at(0, THREE, HostSet.of(0, 1), HostSet.EMPTY)).isEqualTo(Verdict.LOSE);
        excluded = HostSet.of(2);
        assertThat(at(0, THREE, HostSet.of(0, 1), HostSet.EMPTY)).isEqualTo(Verdict.SR2);
    }

    @Test
    void sr2IsNotForAPartitionWhereSomeoneStillHasTheStatefile() {
        withoutStatefile = HostSet.of(0);

        assertThat(at(0, HostSet.of(0, 1), HostSet.of(0, 1), HostSet.EMPTY)).isEqualTo(Verdict.LOSE);
    }

    @Test
    void tiesGoToTheLowestIndexEvenWhenItIsNotMe() {
        // 0 1 | 2 3: equal halves, both on the statefile
        HostSet four = HostSet.of(0, 1, 2, 3);
        reports(0, HostSet.of(0, 1), four);
        reports(1, HostSet.of(0, 1), four);
        reports(2, HostSet.of(2, 3), four);
        reports(3, HostSet.of(2, 3), four);

        assertThat(at(1, four, HostSet.of(0, 1), four)).isEqualTo(Verdict.LARGEST_PARTITION);
        assertThat(at(2, four, HostSet.of(2, 3), four)).isEqualTo(Verdict.LOSE);
        assertThat(at(3, four, HostSet.of(2, 3), four)).isEqualTo(Verdict.LOSE);
    }

    @Test
    void weightCountsBeforeSize() {
        HostSet three = THREE;
        reported.put(0, new Domains(HostSet.of(0), three, 3)); // one heavy host
        reports(1, HostSet.of(1, 2), three);
        reports(2, HostSet.of(1, 2), three);

        // size(0) = 1 + 256·3 = 769 > size(1) = 2 · 257 = 514
        assertThat(at(0, three, HostSet.of(0), three)).isEqualTo(Verdict.LARGEST_PARTITION);
        assertThat(at(1, three, HostSet.of(1, 2), three)).isEqualTo(Verdict.LOSE);
    }
}
