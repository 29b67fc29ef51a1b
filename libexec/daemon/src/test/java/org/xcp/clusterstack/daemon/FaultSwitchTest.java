package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.RunDir;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.common.fault.FaultPoints;

/** The control socket's {@code fist} verb, over a real control socket where it matters. */
class FaultSwitchTest {
    private final FaultPoints faults = FaultPoints.none();
    private final RecordingLog log = new RecordingLog();

    @Test
    void enableAndDisableAnswerTheEnabledPoints() {
        assertThat(FaultSwitch.handle(faults, "enable sf.ioerror", log))
                .isEqualTo(new ControlClient.Reply(0, "sf.ioerror.sticky\n"));
        assertThat(FaultSwitch.handle(faults, "enable hb.send.lostpacket.once", log))
                .isEqualTo(new ControlClient.Reply(0, "hb.send.lostpacket.once\nsf.ioerror.sticky\n"));
        assertThat(faults.fires(FaultPoint.SF_IOERROR)).isTrue();

        assertThat(FaultSwitch.handle(faults, "disable sf.ioerror", log))
                .isEqualTo(new ControlClient.Reply(0, "hb.send.lostpacket.once\n"));
        assertThat(FaultSwitch.handle(faults, "list", log)).isEqualTo(new ControlClient.Reply(0, "hb.send.lostpacket.once\n"));
        assertThat(log.all()).contains("fault point sf.ioerror enabled", "fault point sf.ioerror disabled");
    }

    @Test
    void anUnknownNameIsExit1InOneLineAndChangesNothing() {
        faults.enable("sf.slow");

        ControlClient.Reply reply = FaultSwitch.handle(faults, "enable sf.iorror", log);

        assertThat(reply.status()).isEqualTo(1);
        assertThat(reply.stdout()).startsWith("unknown fault point \"sf.iorror\"; known: hb.send.lostpacket,")
                .endsWith(")\n").containsOnlyOnce("\n");
        assertThat(faults.enabledNames()).containsExactly("sf.slow.sticky");
    }

    @Test
    void malformedRequestsAreExit1() {
        for (String bad : List.of("", "enable", "enable a b", "list sf.slow", "toggle sf.slow")) {
            assertThat(FaultSwitch.handle(faults, bad, log))
                    .isEqualTo(new ControlClient.Reply(1, "usage: fist enable NAME, fist disable NAME or fist list\n"));
        }
    }

    @Test
    void theVerbWorksOverTheControlSocket(@TempDir Path dir) throws Exception {
        RunDir runDir = new RunDir(dir);
        try (TestDaemon daemon = TestDaemon.serveFaults(runDir, faults)) {
            Optional<ControlClient.Reply> reply = new ControlClient(runDir).request("fist enable sf.slow.once",
                    Optional.of(Duration.ofSeconds(10)));

            assertThat(reply).contains(new ControlClient.Reply(0, "sf.slow.once\n"));
            assertThat(faults.fires(FaultPoint.SF_SLOW)).isTrue();
        }
    }
}
