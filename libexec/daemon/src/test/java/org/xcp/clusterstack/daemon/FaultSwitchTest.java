package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;

/** The control socket's {@code fist} verb, over a real control socket where it matters. */
class FaultSwitchTest {
    private final FaultPoints faults = FaultPoints.none();
    private final RecordingLog log = new RecordingLog();

    private Reply fist(String... args) {
        return FaultSwitch.handle(faults, List.of(args), log);
    }

    @Test
    void enableAndDisableAnswerTheEnabledPoints() {
        assertThat(fist("enable", "sf.ioerror")).isEqualTo(Reply.ok("sf.ioerror.sticky\n"));
        assertThat(fist("enable", "hb.send.lostpacket.once"))
                .isEqualTo(Reply.ok("hb.send.lostpacket.once\nsf.ioerror.sticky\n"));
        assertThat(faults.fires(FaultPoint.SF_IOERROR)).isTrue();

        assertThat(fist("disable", "sf.ioerror")).isEqualTo(Reply.ok("hb.send.lostpacket.once\n"));
        assertThat(fist("list")).isEqualTo(Reply.ok("hb.send.lostpacket.once\n"));
        assertThat(log.all()).contains("fault point sf.ioerror enabled", "fault point sf.ioerror disabled");
    }

    @Test
    void anUnknownNameIsExit1WithAOneLineMessageAndChangesNothing() {
        faults.enable("sf.slow");

        Reply reply = fist("enable", "sf.iorror");

        assertThat(reply.code()).isEqualTo(ExitCode.INVALID_PARAMETER);
        assertThat(reply.message()).startsWith("unknown fault point \"sf.iorror\"; known: hb.send.lostpacket,")
                .endsWith(")").doesNotContain("\n");
        assertThat(reply.stdout()).isEmpty();
        assertThat(faults.enabledNames()).containsExactly("sf.slow.sticky");
    }

    @Test
    void malformedRequestsAreExit1() {
        for (List<String> bad : List.of(List.<String>of(), List.of("enable"), List.of("enable", "a", "b"),
                List.of("list", "sf.slow"), List.of("toggle", "sf.slow"))) {
            assertThat(FaultSwitch.handle(faults, bad, log)).as("%s", bad).isEqualTo(new Reply(
                    ExitCode.INVALID_PARAMETER, "usage: fist enable NAME, fist disable NAME or fist list", ""));
        }
    }

    @Test
    void theVerbWorksOverTheControlSocket(@TempDir Path dir) throws Exception {
        RunDir runDir = new RunDir(dir);
        try (TestDaemon daemon = TestDaemon.serveFaults(runDir, faults)) {
            Optional<Reply> reply = new ControlClient(runDir).request(Request.of(Verb.FIST, "enable", "sf.slow.once"),
                    Optional.of(Duration.ofSeconds(10)));

            assertThat(reply).contains(Reply.ok("sf.slow.once\n"));
            assertThat(faults.fires(FaultPoint.SF_SLOW)).isTrue();
        }
    }

    @Test
    void aFailureCrossesTheSocketWithItsCodeAndMessage(@TempDir Path dir) throws Exception {
        RunDir runDir = new RunDir(dir);
        try (TestDaemon daemon = TestDaemon.serveFaults(runDir, faults)) {
            Optional<Reply> reply = new ControlClient(runDir).request(Request.of(Verb.STATE),
                    Optional.of(Duration.ofSeconds(10)));

            assertThat(reply).contains(new Reply(ExitCode.INVALID_PARAMETER, "this test daemon answers only fist", ""));
        }
    }
}
