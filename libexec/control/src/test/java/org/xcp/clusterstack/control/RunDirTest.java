package org.xcp.clusterstack.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;

/** The run directory's three levels are root-only: nobody else may list the stacks or the host UUIDs. */
class RunDirTest {
    private static final HaUuid HOST = HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01");

    @TempDir
    Path tmp;

    @Test
    void theBaseTheStackAndTheHostDirectoryAreCreated0700() throws Exception {
        Path base = tmp.resolve("run/cluster-stack");
        RunDir run = RunDir.of(base, "xhad", HOST);

        run.create();

        assertThat(mode(base)).isEqualTo("rwx------");
        assertThat(mode(base.resolve("xhad"))).isEqualTo("rwx------");
        assertThat(mode(run.dir())).isEqualTo("rwx------");
        assertThat(run.dir()).isEqualTo(base.resolve("xhad").resolve(HOST.compact()));
    }

    @Test
    void existingLevelsWithOpenModesAreMadePrivate() throws Exception {
        Path base = Files.createDirectories(tmp.resolve("cluster-stack"));
        Path stack = Files.createDirectories(base.resolve("xhad"));
        Path host = Files.createDirectories(stack.resolve(HOST.compact()));
        for (Path d : new Path[] {base, stack, host}) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }

        RunDir.of(base, "xhad", HOST).create();

        assertThat(mode(base)).isEqualTo("rwx------");
        assertThat(mode(stack)).isEqualTo("rwx------");
        assertThat(mode(host)).isEqualTo("rwx------");
    }

    @Test
    void createIsIdempotentAndLeavesTheDirectoriesAboveTheBaseAlone() throws Exception {
        Path above = Files.createDirectories(tmp.resolve("run"));
        Files.setPosixFilePermissions(above, PosixFilePermissions.fromString("rwxr-xr-x"));
        RunDir run = RunDir.of(above.resolve("cluster-stack"), "corosync", HOST);

        run.create();
        Files.writeString(run.pidFile(), "1\n");
        run.create();

        assertThat(mode(above)).isEqualTo("rwxr-xr-x");
        assertThat(mode(run.dir())).isEqualTo("rwx------");
        assertThat(run.pidFile()).hasContent("1\n");
    }

    @Test
    void aSharedStickyBaseIsLeftAsItIsAndTheStackDirectoryHidesTheHosts() throws Exception {
        Path shared = Files.createDirectories(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setAttribute(shared, "unix:mode", 01777); // like /tmp

        RunDir run = RunDir.of(shared, "xhad", HOST);
        run.create();

        assertThat(mode(shared)).isEqualTo("rwxrwxrwx");
        assertThat(mode(shared.resolve("xhad"))).isEqualTo("rwx------");
        assertThat(mode(run.dir())).isEqualTo("rwx------");
    }

    @Test
    void aRunDirectoryPutAnywhereNeverChangesTheModeOfDirectoriesOthersUse() throws Exception {
        // a test's @TempDir as the host directory: its parents would be /tmp and / (seen here one level down)
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path shared = Files.createDirectories(root.resolve("tmp"));
        Files.writeString(root.resolve("etc"), "someone else's\n");
        Files.writeString(shared.resolve("other-users-file"), "x\n");
        for (Path d : new Path[] {root, shared}) {
            Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        RunDir run = new RunDir(shared.resolve("junit1234"));

        run.create();

        assertThat(mode(root)).isEqualTo("rwxr-xr-x");
        assertThat(mode(shared)).isEqualTo("rwxr-xr-x");
        assertThat(mode(run.dir())).isEqualTo("rwx------");
    }

    private static String mode(Path d) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(d));
    }
}
