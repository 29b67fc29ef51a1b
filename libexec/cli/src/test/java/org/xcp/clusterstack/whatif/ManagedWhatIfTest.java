package org.xcp.clusterstack.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HostSet;

/**
 * {@code simulate} on the stacks on a cluster manager, at xapi's T = 10: the same questions answered by the
 * engine's ManagedCore on a model of the manager, where quorum decides a split.
 */
class ManagedWhatIfTest {
    @Test
    void onCorosyncTheHostOutsideTheQuoratePartitionFencesItself() {
        Prediction p = predict("corosync", 3, Fault.of(Fault.Kind.ISOLATE, 2));
        assertThat(p.stack()).isEqualTo("corosync");
        assertThat(p.survivors()).containsExactly(0, 1);
        assertThat(p.fenced()).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo(2);
            assertThat(f.by()).isEqualTo("self-fence");
            assertThat(f.why()).startsWith("this host is outside the quorate partition");
        });
        assertThat(p.dropped()).extracting(Prediction.Dropped::host).containsExactly(2);
        assertThat(p.liveset()).containsExactly(0, 1);
    }

    @Test
    void onEveryManagedStackACrashedMasterLeavesTheLockToTakeAndNobodyFenced() {
        for (String stack : List.of("corosync", "ocfs2", "melio")) {
            Prediction p = predict(stack, 3, Fault.of(Fault.Kind.FAIL, 0));
            assertThat(p.survivors()).as(stack).containsExactly(1, 2);
            assertThat(p.fenced()).as(stack).isEmpty();
            assertThat(p.master()).as(stack).isEmpty();
            assertThat(p.candidates()).as(stack).isNotEmpty().isSubsetOf(1, 2);
        }
    }

    @Test
    void aHungDaemonIsResetByTheStacksWatchdog() {
        Prediction p = predict("corosync", 3, Fault.of(Fault.Kind.HANG, 1));
        assertThat(p.survivors()).containsExactly(0, 2);
        assertThat(p.fenced()).extracting(Prediction.Fenced::by).containsExactly("watchdog");
    }

    @Test
    void aCutThatLeavesTheHostsConnectedThroughAnotherIsRefused() {
        assertThat(ManagedWhatIf.groups(3, List.of(Fault.cut(0, 2), Fault.cut(1, 2)))).containsExactly(0, 0, 1);
        assertThatThrownBy(() -> predict("corosync", 3, Fault.cut(0, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a cluster manager sees groups");
    }

    private static Prediction predict(String stack, int hosts, Fault... faults) {
        PoolNow now = new PoolNow(WhatIfTest.configs(hosts).get(0), stack, HostSet.firstN(hosts), Optional.of(0),
                "given");
        return WhatIf.predict(now, List.of(faults));
    }
}
