package org.xcp.clusterstack.common.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;

/** Spec §7.6: grants, the lower index winning, and never two holders. */
class MasterLockTest {

    @Test
    void aLoneRequesterGrantsItselfAndHoldsTheLock() {
        HostSet live = HostSet.of(0);

        HostSet grants = MasterLock.grantsOf(0, HostSet.of(0), live, HostSet.EMPTY, false);

        assertThat(grants).isEqualTo(HostSet.of(0));
        assertThat(MasterLock.holder(live, i -> grants)).contains(0);
    }

    @Test
    void aRequestingHostDoesNotGrantToAHigherIndex() {
        HostSet live = HostSet.of(0, 1, 2);
        HostSet requesters = HostSet.of(1, 2);

        assertThat(MasterLock.grantsOf(0, requesters, live, HostSet.EMPTY, false)).isEqualTo(HostSet.of(1, 2));
        assertThat(MasterLock.grantsOf(1, requesters, live, HostSet.EMPTY, false)).isEqualTo(HostSet.of(1));
        assertThat(MasterLock.grantsOf(2, requesters, live, HostSet.EMPTY, false)).isEqualTo(HostSet.of(1, 2));
    }

    @Test
    void theLowerIndexWinsWhenAllHaveSpoken() {
        HostSet live = HostSet.of(0, 1, 2);
        HostSet requesters = HostSet.of(1, 2);
        Map<Integer, HostSet> grants = new HashMap<>();
        live.indexes().forEach(i -> grants.put(i, MasterLock.grantsOf(i, requesters, live, HostSet.EMPTY, false)));

        assertThat(MasterLock.holder(live, grants::get)).contains(1);
    }

    @Test
    void deadHostsAreNeverGrantedAndDoNotBlock() {
        HostSet live = HostSet.of(1, 2);

        assertThat(MasterLock.grantsOf(2, HostSet.of(0, 2), live, HostSet.EMPTY, false)).isEqualTo(HostSet.of(2));
        assertThat(MasterLock.holder(live, i -> MasterLock.grantsOf(i, HostSet.of(0, 2), live, HostSet.EMPTY, false))).contains(2);
    }

    @Test
    void theHolderGrantsOnlyItselfAndAGivenGrantStaysWhileItsRequesterAsks() {
        HostSet live = HostSet.of(0, 1, 2);
        HostSet requesters = HostSet.of(0, 2); // host 2 holds; host 0 asks late, from a stale view

        HostSet zero = MasterLock.grantsOf(0, requesters, live, HostSet.of(2), false);
        HostSet one = MasterLock.grantsOf(1, requesters, live, HostSet.of(2), false);
        HostSet two = MasterLock.grantsOf(2, requesters, live, HostSet.of(0, 2), true);
        Map<Integer, HostSet> grants = Map.of(0, zero, 1, one, 2, two);

        assertThat(zero).isEqualTo(HostSet.of(0, 2));
        assertThat(two).isEqualTo(HostSet.of(2));
        assertThat(MasterLock.holder(live, grants::get)).contains(2);
    }

    @Property
    void neverTwoHolders(@ForAll @IntRange(min = 1, max = 64) int hosts, @ForAll long liveBits,
            @ForAll long requestBits) {
        HostSet live = new HostSet(liveBits).intersect(HostSet.firstN(hosts));
        HostSet requesters = new HostSet(requestBits).intersect(HostSet.firstN(hosts));

        long holders = live.indexes().filter(candidate -> live.indexes().allMatch(granter ->
                MasterLock.grantsOf(granter, requesters, live, HostSet.EMPTY, false).contains(candidate))).count();

        assertThat(holders).isLessThanOrEqualTo(1);
        if (!requesters.intersect(live).isEmpty()) {
            assertThat(MasterLock.holder(live, i -> MasterLock.grantsOf(i, requesters, live, HostSet.EMPTY, false)))
                    .contains(requesters.intersect(live).indexes().min().getAsInt());
        }
    }
}
