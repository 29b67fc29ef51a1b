package org.xcp.clusterstack.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** The daemon's start report: one line in the run directory, written whole, read by ha_start_daemon. */
class StartReportTest {
    @TempDir
    Path dir;

    @Test
    void aReportIsOneLineOfCodeAndReason() throws Exception {
        RunDir runDir = new RunDir(dir);
        StartReport.of(new HaException(ExitCode.INVALID_ENVIRONMENT, "the xhad stack's daemon runs\nfor this host"))
                .write(runDir);

        assertThat(runDir.startReport()).hasContent("16 the xhad stack's daemon runs for this host\n");
        assertThat(StartReport.read(runDir))
                .contains(new StartReport(ExitCode.INVALID_ENVIRONMENT, "the xhad stack's daemon runs for this host"));
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(runDir.startReport()); // no temporary file left behind
        }
    }

    @Test
    void noReportIsEmptyAndClearRemovesOne() throws Exception {
        RunDir runDir = new RunDir(dir);
        assertThat(StartReport.read(runDir)).isEmpty();

        new StartReport(ExitCode.BOOTJOIN_TIMEOUT, "no host answered").write(runDir);
        StartReport.clear(runDir);

        assertThat(StartReport.read(runDir)).isEmpty();
    }

    @Test
    void aMalformedReportIsOneLineNamingTheFile() throws Exception {
        RunDir runDir = new RunDir(dir);
        for (String bad : new String[] {"", "twelve no\n", "12\n", "99 no such code\n", "12 two\nlines\n"}) {
            Files.writeString(runDir.startReport(), bad);
            assertThatThrownBy(() -> StartReport.read(runDir)).as("'%s'", bad)
                    .isInstanceOf(HaException.class)
                    .hasMessageStartingWith("malformed start report " + runDir.startReport())
                    .hasMessageNotContaining("\n");
        }
    }
}
