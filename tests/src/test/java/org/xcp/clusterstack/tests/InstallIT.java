package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaScript;

/** {@code cluster-stack install}: the tree xapi needs, shellcheck-clean, safe to run twice. */
class InstallIT {
    @TempDir
    Path base;

    @Test
    void laysOutEveryScriptTheRcFilesAndTheManifest() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");

        for (HaScript script : HaScript.values()) {
            Path file = xhad.dir.resolve(script.fileName());
            assertThat(file).isRegularFile();
            assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE);
            assertThat(Files.readAllLines(file).size()).as(script.fileName() + " is a few-line shim").isLessThan(8);
        }
        assertThat(xhad.dir.resolve("ha_exit_codes.rc")).content().contains("MTC_EXIT_DAEMON_IS_NOT_PRESENT=14");
        assertThat(org.xcp.clusterstack.api.manifest.ManifestReader.read(xhad.dir.resolve("manifest.xml")).name())
                .isEqualTo("xhad");
        assertThat(xhad.dir.resolve("manifest.xml")).content().contains("<fencing>self</fencing>");
        assertThat(xhad.dir.resolve("ha_supported_srs")).as("xhad accepts any SR, like the C xhad").doesNotExist();
        assertThat(xhad.dir.resolve("lib/cluster-stack.jar")).isRegularFile();
    }

    @Test
    void everyInstalledShellFileIsShellcheckClean() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=sh"));
        try (var files = Files.list(xhad.dir)) {
            files.filter(p -> p.getFileName().toString().startsWith("ha_")).sorted()
                    .forEach(p -> command.add(p.toString()));
        }

        Cli.Result r = Cli.exec(command);

        assertThat(r.status()).as(r.stdout()).isZero();
    }

    @Test
    void installingTwiceIsSafeAndNeverDeletesWhatItDidNotWrite() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        Path mine = Fixtures.write(xhad.dir.resolve("local-notes.txt"), "an admin's file");
        Path oldJar = Fixtures.write(xhad.dir.resolve("lib/old-dependency-1.0.jar"), "stale");
        Files.writeString(xhad.dir.resolve(".installed"), "lib/old-dependency-1.0.jar\n",
                java.nio.file.StandardOpenOption.APPEND);
        String before = Files.readString(xhad.dir.resolve("ha_common.rc"));

        InstalledStack.install(base, "xhad");

        assertThat(mine).hasContent("an admin's file");
        assertThat(oldJar).as("ours, from an earlier install, no longer shipped").doesNotExist();
        assertThat(xhad.dir.resolve("ha_common.rc")).hasContent(before);
        try (var leftovers = Files.list(xhad.dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
