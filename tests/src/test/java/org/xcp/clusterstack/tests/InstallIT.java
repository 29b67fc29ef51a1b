package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaScript;

/**
 * {@code cluster-stack install}: the tree xapi needs, shellcheck-clean, safe to run twice; every jar once, in the
 * library directory the stacks' {@code ha_env.rc} names relative to themselves, so the tree can move.
 */
class InstallIT {
    private static final Pattern LIB = Pattern.compile("(?m)^CS_LIB=\"\\$cs_dir/([^\"]+)\"$");

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
    }

    @Test
    void noStackDirectoryHoldsAJarTheyNameOneLibraryRelativeToThemselves() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");

        Path library = null;
        for (String stack : List.of("xhad", "corosync", "ocfs2", "melio")) {
            Path dir = xhad.root.resolve(stack);
            try (Stream<Path> files = Files.walk(dir)) {
                assertThat(files.map(Path::toString)).as(stack).noneMatch(n -> n.endsWith(".jar") || n.endsWith(".jsa"));
            }
            Path lib = dir.resolve(libraryOf(dir)).normalize();
            assertThat(library == null ? lib : library).as("one library for every stack").isEqualTo(lib);
            library = lib;
        }
        try (Stream<Path> jars = Files.list(library)) {
            assertThat(jars.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("cluster-stack-client-"))
                    .anyMatch(n -> n.startsWith("xhad-adapter-")).anyMatch(n -> n.startsWith("cluster-stack-daemon-"));
        }
        assertThat(library.resolveSibling("client.jsa")).as("the one class-data archive, beside the library")
                .isRegularFile();
    }

    @Test
    void aTreeInstalledWithItsOwnLibraryRunsAfterItMoved() throws Exception {
        Path before = base.resolve("stage");
        Path root = before.resolve("libexec/xapi/cluster-stack");
        Path lib = before.resolve("share/cluster-stack/lib");
        Cli.Result r = Cli.run("install", "--root", root, "--lib-dir", lib, "--stack", "xhad", "--run-dir",
                base.resolve("run"), "--log-dir", base.resolve("log"), "--no-archive").succeeded();
        assertThat(r.stdout()).isEqualTo("installed stack xhad in " + root.resolve("xhad") + "\n");
        assertThat(root.resolve("xhad/ha_env.rc")).content().contains("CS_LIB=\"$cs_dir/../../../../share/cluster-stack/lib\"");
        assertThat(root.resolve("corosync")).as("--stack xhad lays out xhad only").doesNotExist();
        assertThat(lib.resolveSibling("client.jsa")).as("--no-archive").doesNotExist();

        Path after = base.resolve("moved");
        Files.move(before, after);
        Path dir = after.resolve("libexec/xapi/cluster-stack/xhad");
        Cli.Result propose = Cli.exec(List.of("/usr/bin/env", "-i", "PATH=/usr/bin:/bin:" + dir,
                dir.resolve("ha_propose_master").toString(), "-C", base.resolve("no.conf").toString()));

        assertThat(propose.stderr()).as("the Java client ran, from the moved library")
                .contains("ha_propose_master: " + base.resolve("no.conf") + ": no such file, so no daemon can run");
        assertThat(propose.status()).isEqualTo(14);
    }

    @Test
    void archiveOnlyMakesTheSharedArchiveForTheLibraryAnInstallPlacedAndNothingElse() throws Exception {
        Path lib = base.resolve("share/cluster-stack/lib");
        Path root = base.resolve("libexec/xapi/cluster-stack");
        Cli.run("install", "--root", root, "--lib-dir", lib, "--no-archive").succeeded();
        Cli.run("install", "--lib-dir", base.resolve("empty"), "--archive-only").failedWithOneLine(16);
        String before = Files.readString(root.resolve("xhad/ha_env.rc"));

        Cli.Result r = Cli.run("install", "--lib-dir", lib, "--archive-only").succeeded();

        assertThat(r.stdout()).isEqualTo("made the scripts' class-data archive " + lib.resolveSibling("client.jsa")
                + "\n");
        assertThat(lib.resolveSibling("client.jsa")).isRegularFile();
        assertThat(root.resolve("xhad/ha_env.rc")).hasContent(before);
        assertThat(base.resolve("empty")).doesNotExist();
    }

    @Test
    void anUnknownStackIsOneLineExit1AndWritesNothing() throws Exception {
        Cli.Result r = Cli.run("install", "--root", base.resolve("root"), "--lib-dir", base.resolve("lib"),
                "--stack", "xhad", "--stack", "nosuch").failedWithOneLine(1);

        assertThat(r.stderr()).contains("--stack nosuch: no such stack (have: corosync, melio, ocfs2, xhad)");
        assertThat(base.resolve("root")).doesNotExist();
        assertThat(base.resolve("lib")).doesNotExist();
    }

    @Test
    void aPathTheScriptsCannotNameIsOneLineExit1AndWritesNothing() throws Exception {
        Path root = base.resolve("my root");
        Cli.Result r = Cli.run("install", "--root", root, "--lib-dir", base.resolve("lib")).failedWithOneLine(1);

        assertThat(r.stderr()).contains("has a character the scripts cannot name plainly");
        assertThat(root).doesNotExist();
        assertThat(base.resolve("lib")).doesNotExist();
    }

    @Test
    void aJarDroppedIntoTheLibraryIsSaidToBelongBehindTheDoor() throws Exception {
        Path lib = base.resolve("share/cluster-stack/lib");
        Object[] install = {"install", "--root", base.resolve("root"), "--lib-dir", lib, "--stack", "xhad",
            "--no-archive"};
        assertThat(Cli.run(install).succeeded().stderr()).isEmpty();
        Fixtures.write(lib.resolve("acme-stack-1.0.jar"), "a third party's jar");

        Cli.Result r = Cli.run(install).succeeded();

        assertThat(r.stderr()).isEqualTo("cluster-stack: warning: " + lib.resolve("acme-stack-1.0.jar") + " is not one"
                + " of this tool's jars: a third-party stack goes in a directory of its own under"
                + " /usr/lib/cluster-stack/stacks (packagers.md, the door)\n");
        assertThat(lib.resolve("acme-stack-1.0.jar")).as("not ours: left alone").exists();
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
        String before = Files.readString(xhad.dir.resolve("ha_common.rc"));

        InstalledStack.install(base, "xhad");

        assertThat(mine).hasContent("an admin's file");
        assertThat(xhad.dir.resolve("ha_common.rc")).hasContent(before);
        try (var leftovers = Files.list(xhad.dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void installingOverTheLayoutThatCopiedTheJarsRemovesWhatItRecordedAndNothingElse() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        // what the layout before one library left: every jar and the archive in <stack>/lib/, listed in .installed
        Files.createDirectories(xhad.dir.resolve("lib"));
        Path oldJar = Fixtures.write(xhad.dir.resolve("lib/cluster-stack-client-0.0.9.jar"), "an old copy");
        Path oldArchive = Fixtures.write(xhad.dir.resolve("lib/client.jsa"), "an old archive");
        Files.writeString(xhad.dir.resolve(".installed"), "lib/cluster-stack-client-0.0.9.jar\nlib/client.jsa\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path admins = Fixtures.write(xhad.dir.resolve("lib/README.local"), "an admin's file in lib/");

        InstalledStack.install(base, "xhad");

        assertThat(oldJar).as("ours, from the earlier layout").doesNotExist();
        assertThat(oldArchive).as("ours, from the earlier layout").doesNotExist();
        assertThat(admins).hasContent("an admin's file in lib/");

        Files.delete(admins);
        Files.writeString(xhad.dir.resolve(".installed"), "lib/cluster-stack-client-0.0.9.jar\n",
                java.nio.file.StandardOpenOption.APPEND);
        Fixtures.write(oldJar, "an old copy");
        InstalledStack.install(base, "xhad");
        assertThat(xhad.dir.resolve("lib")).as("emptied of what an install wrote there, so removed").doesNotExist();
    }

    /** The library {@code ha_env.rc} names, relative to the stack's directory. */
    static String libraryOf(Path stackDir) throws Exception {
        Matcher m = LIB.matcher(Files.readString(stackDir.resolve("ha_env.rc")));
        assertThat(m.find()).as("CS_LIB in " + stackDir.resolve("ha_env.rc")).isTrue();
        assertThat(m.group(1)).as("relative").doesNotStartWith("/");
        return m.group(1);
    }
}
