package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.xapiconf.StackName;

/** selector.md §8 (Cluster.create, Cluster.destroy, disable) and §9 (PBD.plug) beyond the worked examples. */
class GatesTest {
    static final DriverTable DRIVERS = DriverTable.of(Map.of("nfs", List.of(), "ocfs2", List.of("o2cb"),
            "gfs2", List.of("corosync"), "dup", List.of("o2cb", "corosync", "o2cb")));
    static final ClusterGate CLUSTERS = new ClusterGate(new StackSelector(StackName.XHAD));
    static final Cluster COROSYNC = new Cluster("OpaqueRef:c", "c", "corosync");

    static PoolSnapshot pool(List<Sr> srs, List<Cluster> clusters) {
        return PoolSnapshot.of(srs, DRIVERS, clusters);
    }

    @Test
    void withHaOffEvenATypeWithoutADriverPlugs() {
        PoolSnapshot pool = pool(List.of(new Sr("OpaqueRef:s", "s", "weird", false)), List.of());

        assertThatNoException().isThrownBy(() -> PlugGate.check(pool, new PoolRecord(false, "o2cb"), "OpaqueRef:s"));
    }

    @Test
    void theRefusalKeepsTheDriversListAsItIsDuplicatesIncluded() {
        PoolSnapshot pool = pool(List.of(new Sr("OpaqueRef:s", "s", "dup", false)), List.of());

        SelectorError e = catchThrowableOfType(() -> PlugGate.check(pool, new PoolRecord(true, "xhad"), "OpaqueRef:s"),
                SelectorError.class);

        assertThat(e.params()).containsExactly("o2cb,corosync,o2cb");
    }

    @Test
    void plugOfAnUnknownSrIsAnInvalidHandle() {
        SelectorError e = catchThrowableOfType(() -> PlugGate.check(pool(List.of(), List.of()), PoolRecord.NEW_POOL,
                "OpaqueRef:gone"), SelectorError.class);

        assertThat(e.xenApiForm()).isEqualTo("HANDLE_INVALID [SR, OpaqueRef:gone]");
    }

    @Test
    void anExistingClusterIsReportedBeforeTheRunningHa() {
        SelectorError e = catchThrowableOfType(() -> CLUSTERS.create(pool(List.of(), List.of(COROSYNC)),
                new PoolRecord(true, "corosync"), new Cluster("OpaqueRef:d", "d", "corosync")), SelectorError.class);

        assertThat(e.xenApiForm()).isEqualTo("CLUSTER_ALREADY_EXISTS []");
    }

    @Test
    void onlyCorosyncClustersCanBeCreated() {
        SelectorError e = catchThrowableOfType(() -> CLUSTERS.create(pool(List.of(), List.of()), PoolRecord.NEW_POOL,
                new Cluster("OpaqueRef:d", "d", "o2cb")), SelectorError.class);

        assertThat(e.xenApiForm()).isEqualTo("INVALID_CLUSTER_STACK [o2cb]");
    }

    @Test
    void aConstrainedMasterAttachedSrWinsOverTheNewCluster() {
        PoolSnapshot pool = pool(List.of(new Sr("OpaqueRef:s", "s", "ocfs2", true)), List.of());

        assertThat(CLUSTERS.create(pool, PoolRecord.NEW_POOL, COROSYNC)).isEqualTo(new PoolRecord(false, "o2cb"));
    }

    @Test
    void destroyingTheLastClusterReturnsToTheDefaultAndKeepsHaEnabledAsItWas() {
        PoolSnapshot pool = pool(List.of(), List.of(COROSYNC));

        assertThat(CLUSTERS.destroy(pool, new PoolRecord(true, "corosync"), COROSYNC.ref()))
                .isEqualTo(new PoolRecord(true, "xhad"));
        assertThat(catchThrowableOfType(() -> CLUSTERS.destroy(pool, PoolRecord.NEW_POOL, "OpaqueRef:x"),
                SelectorError.class).xenApiForm()).isEqualTo("HANDLE_INVALID [Cluster, OpaqueRef:x]");
    }

    @Test
    void disableKeepsTheStack() {
        assertThat(new PoolRecord(true, "o2cb").disabled()).isEqualTo(new PoolRecord(false, "o2cb"));
        assertThat(PoolRecord.NEW_POOL).isEqualTo(new PoolRecord(false, "xhad"));
    }
}
