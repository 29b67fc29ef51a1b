package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.SupportedSrs;

/** selector.md §1, §4 and §5.3 beyond the worked examples. */
class StackSelectorTest {
    static final DriverTable DRIVERS = DriverTable.of(Map.of("nfs", List.of(), "gfs2", List.of("corosync"),
            "ocfs2", List.of("o2cb"), "dualA", List.of("o2cb", "corosync"), "dualB", List.of("corosync", "o2cb"),
            "twice", List.of("o2cb", "o2cb", "corosync")));
    static final StackSelector SELECTOR = new StackSelector(StackName.XHAD);
    static final InstalledStacks ALL = InstalledStacks.of(Map.of("xhad", SupportedSrs.noConstraint(),
            "corosync", SupportedSrs.noConstraint(), "o2cb", SupportedSrs.noConstraint()));

    static PoolSnapshot pool(Sr... srs) {
        return PoolSnapshot.of(List.of(srs), DRIVERS, List.of());
    }

    @Test
    void canonicalOrderIsTheLowerCaseUuidNotTheRefNorTheListing() {
        // Raw, 'B' (0x42) sorts before 'a' (0x61); in lower case, "...a" comes first. The refs sort the other way.
        Sr first = new Sr("OpaqueRef:z", "0000000a", "dualA", true);
        Sr second = new Sr("OpaqueRef:a", "0000000B", "dualB", true);

        assertThat(pool(second, first).srs()).containsExactly(first, second);
        assertThat(SELECTOR.choose(pool(second, first))).isEqualTo("o2cb");
        assertThat(SELECTOR.choose(pool(first, second))).isEqualTo("o2cb");
    }

    @Test
    void clustersFollowCanonicalOrderToo() {
        Cluster early = new Cluster("OpaqueRef:zz", "AAAA", "corosync");
        Cluster late = new Cluster("OpaqueRef:aa", "bbbb", "foo");
        PoolSnapshot pool = PoolSnapshot.of(List.of(), DRIVERS, List.of(late, early));

        SelectorError e = catchThrowableOfType(() -> SELECTOR.choose(pool), SelectorError.class);

        assertThat(e.params()).containsExactly("OpaqueRef:aa", "foo");
    }

    @Test
    void duplicatesInsideAListAreHarmless() {
        assertThat(SELECTOR.choose(pool(new Sr("OpaqueRef:1", "1", "twice", true),
                new Sr("OpaqueRef:2", "2", "dualB", true)))).isEqualTo("o2cb");
        assertThat(SELECTOR.choose(pool(new Sr("OpaqueRef:1", "1", "twice", true),
                new Sr("OpaqueRef:2", "2", "gfs2", true)))).isEqualTo("corosync");
    }

    @Test
    void aMissingTypeFailsTheChoiceEvenWhenAConflictComesFirstInCanonicalOrder() {
        PoolSnapshot pool = pool(new Sr("OpaqueRef:1", "1", "ocfs2", true), new Sr("OpaqueRef:2", "2", "gfs2", true),
                new Sr("OpaqueRef:3", "3", "weird", true));

        for (String request : List.of("", "xhad")) {
            SelectorError e = catchThrowableOfType(() -> SELECTOR.resolve(pool, request, ALL), SelectorError.class);
            assertThat(e.xenApiForm()).isEqualTo("INTERNAL_ERROR [SR type not found in SM table.]");
            assertThat(e.getMessage()).contains("OpaqueRef:3", "\"weird\"");
        }
    }

    @Test
    void aMissingTypeOnASlaveOnlySrDoesNotMatter() {
        assertThat(SELECTOR.choose(pool(new Sr("OpaqueRef:1", "1", "weird", false)))).isEqualTo("xhad");
    }

    @Test
    void anInvalidRequestIsNeverLookedUp() {
        List<StackName> asked = new ArrayList<>();
        InstalledStacks spy = new InstalledStacks() {
            @Override
            public boolean isInstalled(StackName name) {
                asked.add(name);
                return true;
            }

            @Override
            public SupportedSrs supportedSrs(StackName name) {
                throw new AssertionError("not part of the choice");
            }
        };
        for (String invalid : List.of("../xhad", " xhad", "xhad ", "   ", ".", "..", "a/b", "x\0y", "\txhad")) {
            SelectorError e = catchThrowableOfType(() -> SELECTOR.resolve(pool(), invalid, spy), SelectorError.class);
            assertThat(e.code()).isEqualTo(XenApiErrorCode.UNKNOWN_CLUSTER_STACK);
            assertThat(e.params()).containsExactly(invalid);
            assertThat(e.getMessage()).doesNotContain("\n", "\0");
        }
        assertThat(asked).isEmpty();
        assertThat(SELECTOR.resolve(pool(), "xhad", spy)).isEqualTo("xhad");
        assertThat(asked).containsExactly(StackName.XHAD);
    }

    @Test
    void automaticModeNeverAsksWhatIsInstalled() {
        InstalledStacks none = InstalledStacks.of(Map.of());

        assertThat(SELECTOR.resolve(pool(new Sr("OpaqueRef:1", "1", "ocfs2", true)), "", none)).isEqualTo("o2cb");
    }

    @Test
    void anExplicitRequestIgnoresClustersOnceAnSrIsConstrained() {
        PoolSnapshot pool = PoolSnapshot.of(List.of(new Sr("OpaqueRef:1", "1", "dualA", true)), DRIVERS,
                List.of(new Cluster("OpaqueRef:c", "c", "corosync")));

        assertThat(SELECTOR.resolve(pool, "o2cb", ALL)).isEqualTo("o2cb");
        assertThat(SELECTOR.choose(pool)).isEqualTo("o2cb");
    }

    @Test
    void anExplicitRequestMatchingEveryClusterIsGranted() {
        PoolSnapshot pool = PoolSnapshot.of(List.of(), DRIVERS, List.of(new Cluster("OpaqueRef:c", "c", "corosync"),
                new Cluster("OpaqueRef:d", "d", "corosync")));

        assertThat(SELECTOR.resolve(pool, "corosync", ALL)).isEqualTo("corosync");
    }

    @Test
    void refsAndUuidsMustBeUniqueForTheOrderToBeDefined() {
        Sr a = new Sr("OpaqueRef:a", "abc", "nfs", true);

        assertThatIllegalArgumentException().isThrownBy(() -> pool(a, new Sr("OpaqueRef:a", "def", "nfs", true)))
                .withMessageContaining("ref");
        assertThatIllegalArgumentException().isThrownBy(() -> pool(a, new Sr("OpaqueRef:b", "ABC", "nfs", true)))
                .withMessageContaining("uuid");
        assertThatIllegalArgumentException().isThrownBy(() -> new Sr("", "abc", "nfs", true));
        assertThatIllegalArgumentException().isThrownBy(() -> new Cluster("OpaqueRef:c", "", "corosync"));
    }

    @Test
    void everyErrorCarriesExactlyItsArity() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SelectorError(
                XenApiErrorCode.CLUSTER_STACK_CONSTRAINT, List.of("OpaqueRef:a"), "one param short"));
        assertThatIllegalArgumentException().isThrownBy(() -> new SelectorError(
                XenApiErrorCode.CANNOT_CREATE_STATE_FILE, List.of("x"), "one too many"));
        assertThat(new SelectorError(XenApiErrorCode.UNKNOWN_CLUSTER_STACK, List.of("foo"), "a\nb").getMessage())
                .isEqualTo("UNKNOWN_CLUSTER_STACK: a b");
    }
}
