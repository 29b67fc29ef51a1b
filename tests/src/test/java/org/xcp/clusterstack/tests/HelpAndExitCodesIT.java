package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.ExitCodeTables;

/** The exit codes as people and scripts see them: in --help, and in the generated shell rc file. */
class HelpAndExitCodesIT {

    @Test
    void helpListsEveryExitCode() {
        Cli.Result r = Cli.run("--help").succeeded();

        for (ExitCode code : ExitCode.values()) {
            assertThat(r.stdout()).containsPattern("(?m)^ +" + code.number() + " +" + code.xhadName() + ":");
        }
    }

    @Test
    void theGeneratedRcFileGivesShellScriptsXhadsNumbers(@TempDir Path dir) throws Exception {
        Path rc = dir.resolve(ExitCodeTables.RC_FILE_NAME);
        try (InputStream in = ExitCode.class.getResourceAsStream(ExitCodeTables.RC_FILE_NAME)) {
            Files.write(rc, in.readAllBytes());
        }
        StringBuilder script = new StringBuilder(". '" + rc + "'\n");
        for (ExitCode code : ExitCode.values()) {
            script.append("echo \"$").append(code.xhadName()).append("\"\n");
        }

        Cli.Result r = Cli.exec(List.of("/bin/sh", "-euc", script.toString())).succeeded();

        assertThat(r.stdout().lines().map(Integer::valueOf).toList())
                .containsExactly(java.util.Arrays.stream(ExitCode.values()).map(ExitCode::number).toArray(Integer[]::new));
    }

    @Test
    void anUnknownOptionIsExit1WithOneLine() {
        Cli.Result r = Cli.run("config", "check", "--frobnicate").failedWithOneLine(1);

        assertThat(r.stderr()).isEqualTo(
                "cluster-stack: Unknown option: '--frobnicate' (see cluster-stack config check --help)\n");
    }

    @Test
    void aCommandGroupWithoutItsCommandIsExit1() {
        Cli.run("statefile").failedWithOneLine(1);
        Cli.run().failedWithOneLine(1);
    }
}
