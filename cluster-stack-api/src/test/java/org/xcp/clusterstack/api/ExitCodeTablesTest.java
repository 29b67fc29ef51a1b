package org.xcp.clusterstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The rendered copies of {@link ExitCode} are what the build ships and what the repository shows. */
class ExitCodeTablesTest {

    @Test
    void theRcFileAssignsEveryCode() {
        String rc = ExitCodeTables.shellRc();

        for (ExitCode code : ExitCode.values()) {
            assertThat(rc).containsOnlyOnce("\n" + code.xhadName() + "=" + code.number() + "  # ");
        }
    }

    @Test
    void theBuildPackagesTheRcFileBesideTheEnum() throws Exception {
        try (InputStream in = ExitCode.class.getResourceAsStream(ExitCodeTables.RC_FILE_NAME)) {
            assertThat(in).as("rendered by the build at process-classes").isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(ExitCodeTables.shellRc());
        }
    }

    @Test
    void theCommittedDocsTableIsCurrent() throws Exception {
        Path docs = Path.of("..", "docs", "exit-codes.md");

        assertThat(Files.readString(docs))
                .as("docs/exit-codes.md differs from ExitCode.java: run `%s` in the repository's root and commit it",
                        ExitCodeTables.REGENERATE_DOCS)
                .isEqualTo(ExitCodeTables.markdown());
        assertThat(ExitCodeTables.markdown()).contains("| 16 | `MTC_EXIT_INVALID_ENVIRONMENT` | bad environment | "
                + ExitCode.INVALID_ENVIRONMENT.advice() + " |");
    }

    @Test
    void theDocsShowAFailedScriptsLineAsFailureLineWritesIt() {
        assertThat(ExitCodeTables.markdown()).contains("\nMon Dec  7 08:35:53 UTC 2026 ha_start_daemon: the live members"
                + " 0 (772c21cf), 1 (9e0f1a2b) did not take this host in within 300 s (BootJoinTimeout): 1 (9e0f1a2b)"
                + " never proposed it, 1 (9e0f1a2b) do not hear its heartbeats; this host hears heartbeats from"
                + " 0 (772c21cf) and sees statefile writes from 0 (772c21cf), 1 (9e0f1a2b); "
                + ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET.advice() + " (13)\n");
    }
}
