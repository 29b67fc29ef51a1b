package org.xcp.clusterstack.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.StartReport;

/** ha_start_daemon's one line on stderr when its daemon ends before Online: the daemon's start report. */
class StartDaemonReasonTest {
    @TempDir
    Path dir;

    @Test
    void theReasonIsTheDaemonsReportOfThatExitCode() throws Exception {
        RunDir runDir = new RunDir(dir);
        new StartReport(ExitCode.INVALID_ENVIRONMENT, "the xhad stack's daemon runs for this host").write(runDir);

        assertThat(StartDaemonScript.whyItEnded(runDir, new LogDir(dir), 16)).isEqualTo("the xhad stack's daemon runs for this host");
    }

    @Test
    void withoutAMatchingReportTheLineSaysSoAndNeverQuotesTheLog() throws Exception {
        RunDir runDir = new RunDir(dir.resolve("run"));
        LogDir logDir = new LogDir(dir.resolve("log"));
        runDir.create();
        logDir.create();
        Files.writeString(logDir.processOutput(), "cluster-stack daemon: a line nobody should scrape\n");

        assertThat(StartDaemonScript.whyItEnded(runDir, logDir, 12)).isEqualTo("the daemon ended with 12"
                + " (MTC_EXIT_BOOTJOIN_TIMEOUT) before this host was Online, and left no start report; see "
                + logDir.daemonLog() + " and " + logDir.processOutput());
        new StartReport(ExitCode.INVALID_ENVIRONMENT, "another start's reason").write(runDir);
        assertThat(StartDaemonScript.whyItEnded(runDir, logDir, 12)).doesNotContain("another start's reason");
    }

    @Test
    void aStatusOutsideXhadsTableIs2NamingTheSignal() throws Exception {
        RunDir runDir = new RunDir(dir.resolve("run"));
        LogDir logDir = new LogDir(dir.resolve("log"));

        HaException e = StartDaemonScript.ended(runDir, logDir, 137);

        assertThat(e.exitCode()).isEqualTo(ExitCode.SYSTEM_ERROR);
        assertThat(e.getMessage()).isEqualTo("the daemon ended with 137 (killed by signal 9) before this host was"
                + " Online, and left no start report; see " + logDir.daemonLog() + " and " + logDir.processOutput());
    }

    @Test
    void aStatusInTheTableIsPassedOnWithTheDaemonsReason() throws Exception {
        RunDir runDir = new RunDir(dir);
        new StartReport(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET, "the live members did not accept this host")
                .write(runDir);

        HaException e = StartDaemonScript.ended(runDir, new LogDir(dir), 13);

        assertThat(e.exitCode()).isEqualTo(ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET);
        assertThat(e.getMessage()).isEqualTo("the live members did not accept this host");
    }

    @Test
    void aMalformedReportIsSaidInOneLine() throws Exception {
        RunDir runDir = new RunDir(dir);
        Files.writeString(runDir.startReport(), "garbage\n");

        assertThat(StartDaemonScript.whyItEnded(runDir, new LogDir(dir), 12)).startsWith("malformed start report ")
                .doesNotContain("\n");
    }
}
