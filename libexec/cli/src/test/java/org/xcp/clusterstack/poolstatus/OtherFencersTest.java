package org.xcp.clusterstack.poolstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fencers found in a /proc, a configfs and a run directory laid out as the kernel and the daemons lay them. */
class OtherFencersTest {
    @TempDir
    Path root;

    private Path proc(long pid, String comm, String... fdTargets) throws IOException {
        Path dir = Files.createDirectories(root.resolve("proc").resolve(Long.toString(pid)).resolve("fd"));
        Files.writeString(dir.getParent().resolve("comm"), comm + "\n");
        for (int i = 0; i < fdTargets.length; i++) {
            Files.createSymbolicLink(dir.resolve(Integer.toString(i)), Path.of(fdTargets[i]));
        }
        return dir;
    }

    private OtherFencers fencers() {
        return new OtherFencers(root.resolve("proc"), root.resolve("config"), root.resolve("run"));
    }

    @Test
    void aWatchdogHolderOtherThanTheDaemonAndSbdAreFound() throws IOException {
        proc(100, "java", "/dev/null", "/dev/watchdog");
        proc(200, "wdmd", "/dev/watchdog0");
        proc(300, "sbd");
        proc(400, "bash", "/dev/pts/0");
        List<FencerFinding> found = fencers().find("xhad", OptionalLong.of(100), "host");
        assertThat(found).containsExactly(new FencerFinding("a process holding /dev/watchdog0", "wdmd, pid 200"),
                new FencerFinding("sbd", "pid 300"));
    }

    @Test
    void o2cbsDiskHeartbeatIsASecondFencerExceptOnTheOcfs2Stack() throws IOException {
        Files.createDirectories(root.resolve("config/cluster/pool/heartbeat/0A1B2C"));
        assertThat(fencers().find("xhad", OptionalLong.empty(), "host")).singleElement()
                .extracting(FencerFinding::what).isEqualTo("o2cb's disk heartbeat");
        assertThat(fencers().find("ocfs2", OptionalLong.empty(), "host")).isEmpty();
    }

    @Test
    void anotherStacksLiveDaemonForThisHost() throws IOException {
        Path pid = Files.createDirectories(root.resolve("run/corosync/host")).resolve("pid");
        Files.writeString(pid, ProcessHandle.current().pid() + "\n");
        Files.createDirectories(root.resolve("run/xhad/host"));
        Files.writeString(root.resolve("run/xhad/host/pid"), ProcessHandle.current().pid() + "\n");
        assertThat(fencers().find("xhad", OptionalLong.empty(), "host")).singleElement()
                .extracting(FencerFinding::what).isEqualTo("the corosync stack's daemon");
        Files.writeString(pid, "999999999\n");
        assertThat(fencers().find("xhad", OptionalLong.empty(), "host")).as("a stale pid file").isEmpty();
    }
}
