package org.xcp.clusterstack.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.StackRoot;
import org.xcp.clusterstack.xapiconf.SupportedSrs;

/** selector.md §6: the order of checks of Pool.enable_ha, and §7 read each time. */
class HaEnableCheckTest {
    static final DriverTable DRIVERS = DriverTable.of(Map.of("nfs", List.of(), "ocfs2", List.of("o2cb"),
            "gfs2", List.of("corosync"), "lvmoiscsi", List.of()));
    static final Sr OCFS2 = new Sr("OpaqueRef:1", "1", "ocfs2", true);
    static final Sr NFS = new Sr("OpaqueRef:2", "2", "nfs", true);
    static final Sr NFS_ON_SLAVES = new Sr("OpaqueRef:3", "3", "nfs", false);
    static final PoolSnapshot POOL = PoolSnapshot.of(List.of(OCFS2, NFS, NFS_ON_SLAVES), DRIVERS, List.of());
    static final InstalledStacks MASTER = InstalledStacks.of(Map.of("xhad", SupportedSrs.noConstraint(),
            "o2cb", SupportedSrs.of(List.of("ocfs2", "lvmoiscsi"))));

    @TempDir
    Path tmp;

    static HaEnableCheck check(StackReadiness readiness) {
        return new HaEnableCheck(new StackSelector(StackName.XHAD), MASTER, readiness);
    }

    static SelectorError failure(HaEnableCheck check, PoolRecord record, EnableRequest request) {
        return catchThrowableOfType(() -> check.check(POOL, record, request), SelectorError.class);
    }

    @Test
    void haAlreadyEnabledComesFirst() {
        SelectorError e = failure(check(StackReadiness.NONE), new PoolRecord(true, "xhad"),
                new EnableRequest("../bad", List.of("OpaqueRef:none")));

        assertThat(e.xenApiForm()).isEqualTo("HA_IS_ENABLED []");
    }

    @Test
    void readinessRunsAfterTheStackIsKnownAndBeforeTheHeartbeatSr() {
        List<String> readied = new ArrayList<>();
        StackReadiness refuse = (stack, pool) -> {
            readied.add(stack);
            throw new SelectorError(XenApiErrorCode.NO_COMPATIBLE_CLUSTER_HOST, List.of("OpaqueRef:h"), "not ready");
        };

        SelectorError beforeHeartbeat = failure(check(refuse), PoolRecord.NEW_POOL,
                new EnableRequest("", List.of(NFS.ref())));
        SelectorError unknownFirst = failure(check(refuse), PoolRecord.NEW_POOL,
                new EnableRequest("melio", List.of(NFS.ref())));

        assertThat(beforeHeartbeat.code()).isEqualTo(XenApiErrorCode.NO_COMPATIBLE_CLUSTER_HOST);
        assertThat(unknownFirst.code()).isEqualTo(XenApiErrorCode.UNKNOWN_CLUSTER_STACK);
        assertThat(readied).containsExactly("o2cb");
    }

    @Test
    void aHeartbeatSrNotAttachedOnTheMasterHasNoPbds() {
        PoolSnapshot pool = PoolSnapshot.of(List.of(NFS_ON_SLAVES), DRIVERS, List.of());

        SelectorError e = catchThrowableOfType(() -> check(StackReadiness.NONE).check(pool, PoolRecord.NEW_POOL,
                new EnableRequest("", List.of(NFS_ON_SLAVES.ref()))), SelectorError.class);

        assertThat(e.xenApiForm()).isEqualTo("SR_NO_PBDS [OpaqueRef:3]");
    }

    @Test
    void anUnknownHeartbeatSrIsAnInvalidHandle() {
        SelectorError e = failure(check(StackReadiness.NONE), PoolRecord.NEW_POOL,
                new EnableRequest("", List.of("OpaqueRef:gone")));

        assertThat(e.xenApiForm()).isEqualTo("HANDLE_INVALID [SR, OpaqueRef:gone]");
    }

    @Test
    void theScanSkipsSrsNotAttachedOnTheMaster() {
        PoolSnapshot pool = PoolSnapshot.of(List.of(NFS_ON_SLAVES), DRIVERS, List.of());

        SelectorError e = catchThrowableOfType(() -> check(StackReadiness.NONE).check(pool, PoolRecord.NEW_POOL,
                EnableRequest.automatic()), SelectorError.class);

        assertThat(e.xenApiForm()).isEqualTo("CANNOT_CREATE_STATE_FILE []");
    }

    @Test
    void theRejectionNamesTheAcceptedTypes() {
        SelectorError e = failure(check(StackReadiness.NONE), PoolRecord.NEW_POOL,
                new EnableRequest("", List.of(NFS.ref())));

        assertThat(e.getMessage()).isEqualTo(
                "INCOMPATIBLE_STATEFILE_SR: SR type nfs not in [lvmoiscsi ocfs2] for stack o2cb");
    }

    @Test
    void theWhitelistIsReadAgainOnEveryCheck() throws IOException {
        Path o2cb = Files.createDirectories(tmp.resolve("o2cb"));
        HaEnableCheck check = new HaEnableCheck(new StackSelector(StackName.XHAD),
                InstalledStacks.in(new StackRoot(tmp)), StackReadiness.NONE);
        EnableRequest onNfs = new EnableRequest("", List.of(NFS.ref()));

        assertThat(check.check(POOL, PoolRecord.NEW_POOL, onNfs).statefileSr()).isEqualTo(NFS);
        Files.writeString(o2cb.resolve("ha_supported_srs"), "ocfs2\n");
        assertThat(catchThrowableOfType(() -> check.check(POOL, PoolRecord.NEW_POOL, onNfs), SelectorError.class)
                .xenApiForm()).isEqualTo("INCOMPATIBLE_STATEFILE_SR [nfs]");
        Files.writeString(o2cb.resolve("ha_supported_srs"), "ocfs2 nfs\n");
        assertThat(check.check(POOL, PoolRecord.NEW_POOL, onNfs).statefileSr()).isEqualTo(NFS);
    }

    @Test
    void anAutomaticChoiceThatIsNotAValidNameIsUnknown() {
        PoolSnapshot pool = PoolSnapshot.of(List.of(new Sr("OpaqueRef:x", "x", "odd", true)),
                DriverTable.of(Map.of("odd", List.of("../xhad"))), List.of());

        SelectorError e = catchThrowableOfType(() -> check(StackReadiness.NONE).check(pool, PoolRecord.NEW_POOL,
                EnableRequest.automatic()), SelectorError.class);

        assertThat(e.xenApiForm()).isEqualTo("UNKNOWN_CLUSTER_STACK [../xhad]");
    }
}
