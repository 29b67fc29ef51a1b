package org.xcp.clusterstack.install;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.ExitCodeTables;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.SnapshotFreshness;
import org.xcp.clusterstack.control.Verb;

/**
 * The generated shell agrees with the Java sources of truth: rendered from them, and run with /bin/sh
 * against a run directory laid out by {@link RunDir}, its liveset fast path finds the files RunDir names and
 * trusts the snapshot exactly for {@link SnapshotFreshness#TRUSTED_FOR}. The client is replaced by
 * {@code echo}, so a script that would start a JVM prints the command line it would run instead.
 */
class ShimTemplatesTest {
    private static final String MAIN = "org.example.ClientMain";
    private static final HaUuid HOST = HaUuid.parse("4F2A9C1E-7B3D-4E8A-9C5F-1A2B3C4D5E6F");

    @TempDir
    Path dir;

    private Path stackDir;
    private Path runBase;
    private Path config;
    private RunDir runDir;

    @BeforeEach
    void installTheShellFiles() throws IOException {
        stackDir = Files.createDirectories(dir.resolve("xhad"));
        runBase = dir.resolve("run");
        Files.writeString(stackDir.resolve(ExitCodeTables.RC_FILE_NAME), ExitCodeTables.shellRc());
        Files.writeString(stackDir.resolve(ShimTemplates.ENV_RC),
                ShimTemplates.env("xhad", Path.of("/bin/echo"), "../lib", List.of("client.jar"), List.of(), runBase,
                        dir.resolve("log")));
        Files.writeString(stackDir.resolve(ShimTemplates.COMMON_RC), ShimTemplates.common(MAIN));
        for (HaScript script : HaScript.values()) {
            Path p = Files.writeString(stackDir.resolve(script.fileName()), ShimTemplates.script(script));
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        config = Files.writeString(dir.resolve("xhad.conf"), """
                <xhad-config version="1.0"><local-config><localhost>
                <HostID>%s</HostID>
                </localhost></local-config></xhad-config>
                """.formatted(HOST.dashed().toUpperCase()));
        runDir = RunDir.of(runBase, "xhad", HOST);
        runDir.create();
    }

    /** A run of a script, with what {@code date} printed at the start of its stderr made {@code DATE}. */
    private record Run(int status, String stdout, String stderr) {
    }

    private static final String DATE = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4} ";

    private Run run(HaScript script, String... args) throws Exception {
        return runWithPath("/usr/bin:/bin:" + stackDir, script, args);
    }

    private Run runWithPath(String path, HaScript script, String... args) throws Exception {
        assertThat(System.getProperty("user.name")).as("ha_common.rc lets only root run the scripts, as xhad's do:"
                + " this test runs them, so it needs root (CI runs as root); it fails rather than skips").isEqualTo("root");
        List<String> command = new java.util.ArrayList<>(List.of("/bin/sh", stackDir.resolve(script.fileName())
                .toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(dir.resolve("stderr").toFile());
        pb.environment().clear(); // as xapi runs them: PATH and nothing else
        pb.environment().put("PATH", path);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("stderr"));
        assertThat(err).as("nothing, or one line that starts with what date prints").matches("|" + DATE + "[^\n]+\n");
        return new Run(p.exitValue(), out, err.replaceFirst("^" + DATE, "DATE "));
    }

    private void daemonAliveWithSnapshotAged(Duration age) throws IOException {
        Files.writeString(runDir.pidFile(), ProcessHandle.current().pid() + "\n");
        Files.writeString(runDir.livesetSnapshot(), "<ha_liveset_info/>\n");
        Files.setLastModifiedTime(runDir.livesetSnapshot(), FileTime.from(Instant.now().minus(age)));
    }

    @Test
    void aFreshSnapshotOfALiveDaemonIsPrintedWithoutTheClient() throws Exception {
        daemonAliveWithSnapshotAged(SnapshotFreshness.TRUSTED_FOR.minusMillis(1500));

        assertThat(run(HaScript.QUERY_LIVESET, "-C", config.toString()))
                .isEqualTo(new Run(0, "<ha_liveset_info/>\n", ""));
    }

    @Test
    void aSnapshotOlderThanTheWindowSendsTheScriptToTheDaemon() throws Exception {
        daemonAliveWithSnapshotAged(SnapshotFreshness.TRUSTED_FOR.plusSeconds(1));

        Run r = run(HaScript.QUERY_LIVESET, "-C", config.toString());

        assertThat(r.status()).isZero();
        assertThat(r.stdout()).contains(" " + MAIN + " --stack xhad --run-base " + runBase + " --log-base "
                + dir.resolve("log") + " ")
                .endsWith(" --host " + HOST.compact() + " " + Verb.QUERY_LIVESET.word() + " -C " + config + "\n");
    }

    @Test
    void aDeadDaemonIsExit14AtOnceInOneLineAsTheClientWouldSayIt() throws Exception {
        daemonAliveWithSnapshotAged(Duration.ZERO);
        Files.writeString(runDir.pidFile(), Long.MAX_VALUE / 2 + "\n"); // no such process

        assertThat(run(HaScript.QUERY_LIVESET, "-C", config.toString()))
                .isEqualTo(new Run(ExitCode.DAEMON_IS_NOT_PRESENT.number(), "", "DATE ha_query_liveset: no daemon runs"
                        + " for this host (" + runDir.dir() + "); ha_start_daemon starts it (14)\n"));
    }

    @Test
    void withoutItsDirectoryOnPathAScriptIsExit16InOneLine() throws Exception {
        assertThat(runWithPath("/usr/bin:/bin", HaScript.SET_EXCLUDED, "-C", config.toString()))
                .isEqualTo(new Run(ExitCode.INVALID_ENVIRONMENT.number(), "", "DATE ha_set_excluded: " + stackDir
                        + " is not on PATH; run it as xapi does: as root, with the stack's directory on PATH (16)\n"));
    }

    @Test
    void everyShellFailureIsRenderedFromTheExitCodesAdvice() {
        String rendered = ShimTemplates.common(MAIN);

        assertThat(rendered).contains("\"" + ShimTemplates.NOT_ROOT + "; " + ExitCode.INVALID_ENVIRONMENT.advice() + "\"",
                "\"$cs_dir " + ShimTemplates.NOT_ON_PATH + "; " + ExitCode.INVALID_ENVIRONMENT.advice() + "\"",
                "; " + ExitCode.DAEMON_IS_NOT_PRESENT.advice() + "\"");
        assertThat(ShimTemplates.COMMON_TEMPLATE).doesNotContain(ExitCode.INVALID_ENVIRONMENT.advice(),
                ExitCode.DAEMON_IS_NOT_PRESENT.advice());
    }

    @Test
    void everyScriptHandsItsVerbToTheClient() throws Exception {
        for (HaScript script : HaScript.values()) {
            if (script == HaScript.QUERY_LIVESET) {
                continue;
            }
            Run r = run(script, "-C", config.toString());
            assertThat(r.stdout()).as(script.fileName()).contains(" " + MAIN + " ")
                    .contains(" " + Verb.of(script).word() + " -C " + config);
        }
    }

    @Test
    void withoutMinusCTheScriptsUseXhadsDefaultConfig() throws Exception {
        assertThat(run(HaScript.PROPOSE_MASTER).stdout())
                .endsWith(" " + Verb.PROPOSE_MASTER.word() + " -C " + DaemonConfig.DEFAULT_PATH + "\n");
    }

    @Test
    void theTemplateHoldsNoHandCopyOfAJavaConstant() {
        String rendered = ShimTemplates.common(MAIN);
        RunDir shell = new RunDir(Path.of("$cs_run"));
        List<String> constants = List.of(ExitCodeTables.RC_FILE_NAME, ShimTemplates.ENV_RC,
                ExitCode.INVALID_ENVIRONMENT.xhadName(), ExitCode.DAEMON_IS_NOT_PRESENT.xhadName(),
                DaemonConfig.DEFAULT_PATH.toString(), MAIN, StackInstaller.CLIENT_ARCHIVE,
                shell.pidFile().toString(), shell.livesetSnapshot().toString(), Verb.QUERY_LIVESET.word(),
                "-mmin -" + ShimTemplates.findMinutes(SnapshotFreshness.TRUSTED_FOR), String.join(" ",
                        ShimTemplates.CLIENT_JVM));
        for (String constant : constants) {
            assertThat(rendered).contains(constant);
        }
        assertThat(ShimTemplates.COMMON_TEMPLATE).doesNotContain(ExitCodeTables.RC_FILE_NAME, ShimTemplates.ENV_RC,
                "MTC_EXIT_", DaemonConfig.DEFAULT_PATH.toString(), "org.xcp.clusterstack", "client.jsa",
                "/" + runDir.pidFile().getFileName() + "\"", runDir.livesetSnapshot().getFileName().toString(),
                " " + Verb.QUERY_LIVESET.word() + " -C", ShimTemplates.findMinutes(SnapshotFreshness.TRUSTED_FOR),
                String.join(" ", ShimTemplates.CLIENT_JVM));
    }

    @Test
    void theFreshnessWindowInFindsMinutesIsRoundedUp() {
        assertThat(ShimTemplates.findMinutes(Duration.ofSeconds(5))).isEqualTo("0.084");
        assertThat(ShimTemplates.findMinutes(Duration.ofSeconds(60))).isEqualTo("1.000");
        assertThat(SnapshotFreshness.TRUSTED_FOR).isGreaterThan(SnapshotFreshness.REWRITE_EVERY.multipliedBy(2));
    }
}
