package org.xcp.clusterstack.scripts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** {@code ha_start_daemon [-C cfg] [fault ...]}: an unknown fault point is exit 1 before anything starts. */
class StartDaemonFaultsTest {
    @Test
    void anUnknownFaultPointIsExit1InOneLine(@TempDir Path dir) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        String[] args = {"--stack", "xhad", "--run-base", dir.toString(), "--lib", dir.toString(), "start_daemon",
            "-C", dir.resolve("no-such.conf").toString(), "sf.ioerror.once", "hb.lost"};

        assertThatThrownBy(() -> ScriptMain.run(args, new PrintStream(stdout)))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                .hasMessageStartingWith("unknown fault point \"hb.lost\"; known: hb.send.lostpacket,")
                .hasMessageNotContaining("\n");
        assertThat(stdout.toString()).isEmpty();
        assertThat(dir.resolve("xhad")).doesNotExist();
    }
}
