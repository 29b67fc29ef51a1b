package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.manifest.ManifestReader;

/**
 * {@code cluster-stack install --legacy-xhad}: {@code <root>/xhad} forwards every script to an installed C
 * xhad. The C xhad is in no package registry, so the xhad here is a stand-in this test writes: scripts that,
 * like xhad's, refuse to run without {@code ha_null} on PATH (16), log their arguments, and answer with
 * distinctive stdout (no trailing newline, a tab, a non-ASCII byte) and exit codes.
 */
class LegacyXhadIT {
    @TempDir
    Path base;

    @Test
    void everyScriptIsForwardedWithItsArgumentsStdoutAndExitCodeUntouched() throws Exception {
        Path xhad = standIn(base.resolve("opt-xha"));
        Path root = base.resolve("cluster-stack");

        Cli.Result install = Cli.run("install", "--root", root, "--run-dir", base.resolve("run"), "--log-dir",
                base.resolve("log"), "--legacy-xhad", xhad).succeeded();

        assertThat(install.stdout()).contains("installed stack xhad in " + root.resolve("xhad")
                + ", forwarding to the C xhad in " + xhad);
        Path dir = root.resolve("xhad");
        List<String> path = List.of("/usr/bin/env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin:" + dir);
        for (HaScript script : HaScript.values()) {
            Cli.Result r = Cli.exec(concat(path, dir.resolve(script.fileName()).toString(), "-C", "/x y.conf", "b"));
            assertThat(r.status()).as(script.fileName()).isEqualTo(exit(script));
            assertThat(r.stdout()).isEqualTo("out\tof " + script.fileName() + " \u00e9");
            assertThat(r.stderr()).isEqualTo("err of " + script.fileName() + "\n");
        }
        assertThat(Files.readAllLines(xhad.resolve("calls.log"))).hasSize(8)
                .allMatch(l -> l.endsWith(" [-C] [/x y.conf] [b]"));
        assertThat(dir.resolve("ha_supported_srs")).content().isEqualTo("lvmoiscsi\nnfs\n");
        assertThat(ManifestReader.read(dir.resolve("manifest.xml")).supportedSrs()).contains(List.of("lvmoiscsi", "nfs"));
        assertThat(dir.resolve("lib")).doesNotExist();
        Cli.Result shellcheck = Cli.exec(List.of("shellcheck", "--shell=sh", dir.resolve("ha_start_daemon").toString()));
        assertThat(shellcheck.status()).as(shellcheck.stdout()).isZero();
    }

    @Test
    void theNativeInstallAndThePassthroughReplaceEachOther() throws Exception {
        Path xhad = standIn(base.resolve("opt-xha"));
        InstalledStack nat = InstalledStack.install(base, "xhad");
        assertThat(nat.dir.resolve("ha_env.rc")).exists();

        Cli.run("install", "--root", nat.root, "--run-dir", nat.runBase, "--log-dir", nat.logBase, "--legacy-xhad", xhad)
                .succeeded();
        assertThat(nat.dir.resolve("ha_env.rc")).doesNotExist();
        assertThat(nat.dir.resolve("ha_common.rc")).doesNotExist();

        InstalledStack.install(base, "xhad");
        assertThat(nat.dir.resolve("ha_supported_srs")).as("the passthrough's, gone with it").doesNotExist();
        assertThat(nat.dir.resolve("ha_start_daemon")).content().doesNotContain(xhad.toString());
    }

    @Test
    void aDirectoryThatIsNotAnXhadInstallationIsOneLineExit1() throws Exception {
        Path notXhad = Files.createDirectories(base.resolve("empty"));
        Path root = base.resolve("cluster-stack");

        Cli.run("install", "--root", root, "--legacy-xhad", notXhad).failedWithOneLine(1);
        Cli.run("install", "--root", root, "--legacy-xhad", root.resolve("xhad")).failedWithOneLine(1);
        assertThat(root).as("nothing installed by a refused install").doesNotExist();
    }

    @Test
    void aPassthroughForAStackLeftOutIsOneLineExit1() throws Exception {
        Path xhad = standIn(base.resolve("opt-xha"));
        Path root = base.resolve("cluster-stack");

        Cli.Result r = Cli.run("install", "--root", root, "--stack", "corosync", "--legacy-xhad", xhad)
                .failedWithOneLine(1);

        assertThat(r.stderr()).contains("--legacy-xhad makes the xhad stack a passthrough, and --stack leaves xhad out");
        assertThat(root).doesNotExist();
    }

    private static int exit(HaScript script) {
        return List.of(9, 15, 0, 14, 0, 17, 11, 1).get(script.ordinal()); // one of xhad's codes each
    }

    /** A C xhad installation as far as xapi can tell: eight scripts and ha_null. */
    private static Path standIn(Path dir) throws Exception {
        Files.createDirectories(dir);
        script(dir.resolve("ha_null"), "exit 0");
        for (HaScript s : HaScript.values()) {
            script(dir.resolve(s.fileName()), """
                    command -v ha_null >/dev/null 2>&1 || exit 16
                    log=${0%%/*}/calls.log
                    printf '%%s' "${0##*/}" >>"$log"; for a in "$@"; do printf ' [%%s]' "$a" >>"$log"; done; echo >>"$log"
                    printf 'out\\tof %%s \\303\\251' "${0##*/}"
                    echo "err of ${0##*/}" >&2
                    exit %d
                    """.formatted(exit(s)));
        }
        Files.writeString(dir.resolve("ha_supported_srs"), "lvmoiscsi\nnfs\n");
        return dir;
    }

    private static void script(Path p, String body) throws Exception {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new java.util.ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
