package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster-stack verify} as a packager runs it: the stack we ship passes, and stacks broken on purpose
 * fail with the sentence that names what is wrong. A broken script is the real one wrapped by a few lines
 * of shell that change what xapi would see.
 */
class VerifyIT {
    /**
     * The groups of xapi's normal life; the failure groups run on every stack in the *ConformanceIT suites, once
     * each, so the broken-on-purpose stacks here and VerifyThreeHostsIT need not wait through them again.
     */
    static final String LIFECYCLE = "checks=static,no-daemon,start,liveset,master,shutdown,config";
    /**
     * A bound on a verify run that starts pools, not a timing claim: a full run on one host takes about 50 s on an
     * idle machine and went past the CLI's default minute beside seven other test JVMs (fresh30).
     */
    static final int VERIFY_BOUND_S = 300;

    @TempDir
    Path base;

    @Test
    void theXhadStackPassesOnOneHost() {
        InstalledStack xhad = InstalledStack.install(base, "xhad");

        Cli.Result one = Cli.runWithin(VERIFY_BOUND_S, "verify", xhad.dir, "-o", "address=127.0.4.1").succeeded();

        assertThat(one.stdout()).isEqualTo("Testing stack xhad in " + xhad.dir
                + " (1 host on 127.0.4.1, T = 10 s)\npassed all tests\n");
    }

    /**
     * Melio is proprietary and cannot run here: verify runs the melio stack against a stand-in for Melio's
     * cluster service that answers as melio-stack/CONTRACT.md says (this host alone, quorate, fencing armed).
     * The corosync and ocfs2 stacks are verified on real corosync in the lab (LabScenariosIT, scenario verify).
     */
    @Test
    void theMelioStackPassesAgainstAServiceKeepingItsContract() throws Exception {
        InstalledStack melio = InstalledStack.install(base, "melio");
        String host = "00000001-1111-4222-8333-0000000000aa";
        Path service = Fixtures.write(base.resolve("melio-cluster"), "#!/bin/sh\n"
                + "case \"$1\" in\n"
                + "  status) printf 'version=1\\nquorate=yes\\nmember=" + host + "\\nfence_window_ms=3000\\n"
                + "tie_break=lowest host UUID\\nfencing_armed=yes\\n' ;;\n"
                + "  disarm-fencing) exit 0 ;;\n"
                + "  *) exit 1 ;;\n"
                + "esac\n");
        Files.setPosixFilePermissions(service, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path settings = Fixtures.write(base.resolve("melio.conf"), "melio.command = " + service
                + "\nmelio.fence_window_ms = 3000\n");

        Cli.Result r = Cli.runWithin(VERIFY_BOUND_S, "verify", melio.dir, "-o", "address=127.0.4.41", "-o", "host-ids=" + host, "-o",
                "settings=" + settings).succeeded();

        assertThat(r.stdout()).endsWith("(1 host on 127.0.4.41, T = 10 s)\npassed all tests\n");
    }

    @Test
    void aMissingScriptFailsWithoutRunningAPool() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        Files.delete(xhad.dir.resolve("ha_disarm_fencing"));
        Files.delete(xhad.dir.resolve("ha_clear_excluded")); // optional in xhad's manifest: no failure

        assertThat(failures(xhad.dir, 1)).isEqualTo("ha_disarm_fencing is missing\n");
    }

    @Test
    void aWrongExitCodeIsNamed() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        wrap(xhad.dir, "ha_disarm_fencing", "\"$0.real\" \"$@\"; rc=$?; [ $rc -eq 14 ] && exit 0; exit $rc");

        assertThat(failures(xhad.dir, 1)).isEqualTo("ha_disarm_fencing on host 0 (127.0.4.1) exited 0"
                + " (MTC_EXIT_SUCCESS), expected 14 (MTC_EXIT_DAEMON_IS_NOT_PRESENT)\n");
    }

    @Test
    void aLivesetXapiWouldRejectIsNamed() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        // xapi does not trim <status>: a space before Online breaks its parser (spec §4.3)
        wrap(xhad.dir, "ha_query_liveset", "out=$(\"$0.real\" \"$@\"); rc=$?; [ -n \"$out\" ] && printf '%s\\n' \"$out\""
                + " | sed 's/<status>Online/<status> Online/'; exit $rc");

        assertThat(failures(xhad.dir, 1)).isEqualTo("ha_query_liveset on host 0 (127.0.4.1) printed a liveset xapi"
                + " would reject: liveset: <status> is ' Online', not Online, Offline or Starting\n");
    }

    @Test
    void aDoubleStartThatDoesNotAnswer15IsNamed() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        wrap(xhad.dir, "ha_start_daemon", "\"$0.real\" \"$@\"; rc=$?; [ $rc -eq 15 ] && exit 0; exit $rc");

        assertThat(failures(xhad.dir, 1)).isEqualTo("a second ha_start_daemon on host 0 (127.0.4.1) exited 0"
                + " (MTC_EXIT_SUCCESS), expected 15 (MTC_EXIT_DAEMON_IS_PRESENT)\n");
    }

    @Test
    void aBadManifestAndASupportedSrsFileItDoesNotDeclareAreNamed() throws Exception {
        InstalledStack xhad = InstalledStack.install(base, "xhad");
        Path manifest = xhad.dir.resolve("manifest.xml");
        Files.writeString(manifest, Files.readString(manifest).replace("<ha-timeout>60<", "<ha-timeout>5<"));
        Fixtures.write(xhad.dir.resolve("ha_supported_srs"), "nfs lvm/oiscsi\n");

        String failures = failures(xhad.dir, 2);

        assertThat(failures).startsWith("manifest.xml is invalid: line 19: Value '5' is not facet-valid")
                .endsWith("\nha_supported_srs holds 'lvm/oiscsi', which is not an SR type name\n");
    }

    @Test
    void badArgumentsAreOneLineAndExit1() {
        Cli.run("verify", base.resolve("nowhere")).failedWithOneLine(1);
        Cli.run("verify", base, "-o", "colour=blue").failedWithOneLine(1);
        Cli.run("verify", base, "-o", "watchdog=HYPERVISOR").failedWithOneLine(1);
        Cli.run("verify", base, "--hosts", "0").failedWithOneLine(1);
    }

    /** The failure sentences verify printed, between its first line and "failed N tests". */
    private static String failures(Path dir, int n) {
        Cli.Result r = Cli.runWithin(VERIFY_BOUND_S, "verify", dir, "-o", "address=127.0.4.1", "-o", LIFECYCLE);
        assertThat(r.status()).as(r.stdout() + r.stderr()).isEqualTo(1);
        String[] lines = r.stdout().split("\n", -1);
        assertThat(lines[lines.length - 2]).as(r.stdout()).isEqualTo("failed " + n + (n == 1 ? " test" : " tests"));
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < lines.length - 2; i++) {
            b.append(lines[i]).append('\n');
        }
        return b.toString();
    }

    /** Renames the script to {@code <script>.real} and puts a shell wrapper with {@code body} in its place. */
    static void wrap(Path dir, String script, String body) throws Exception {
        Files.move(dir.resolve(script), dir.resolve(script + ".real"));
        Path wrapper = dir.resolve(script);
        Files.writeString(wrapper, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
