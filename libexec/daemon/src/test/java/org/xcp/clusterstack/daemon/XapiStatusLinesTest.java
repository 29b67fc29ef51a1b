package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.spi.XapiOutcome;
import org.xcp.clusterstack.common.core.XapiCheckState;

/** The STATUS reply's {@code xapi.*} lines: the core's times as ages and instants, and only what says something. */
class XapiStatusLinesTest {
    private static final long S = 1_000_000_000L;
    private static final long NOW = 5_000 * S;
    private static final Instant WALL = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final String CHECK = "/opt/xensource/libexec/xapi-health-check";

    @Test
    void offIsTheCommandThatIsNotInstalledAndNothingElse() {
        assertThat(XapiStatusLines.of(false, CHECK, Optional.empty(), NOW, WALL))
                .containsExactly("xapi.health_check=off", "xapi.command=" + CHECK);
    }

    @Test
    void beforeTheFirstCheckItSaysTheCountsAndNoFence() {
        XapiCheckState fresh = new XapiCheckState(Optional.empty(), -1, 10_000, 0, 0, 1, -1, "");

        assertThat(XapiStatusLines.of(true, CHECK, Optional.of(fresh), NOW, WALL)).containsExactly(
                "xapi.health_check=on", "xapi.command=" + CHECK, "xapi.failed_in_a_row=0", "xapi.restarts_used=0",
                "xapi.restarts_allowed=1", "xapi.self_fence=none");
    }

    @Test
    void aPendingFenceHasItsAgeAndInstantAndTheLastCheckItsOwn() {
        XapiOutcome timedOut = new XapiOutcome(7, XapiOutcome.Ended.TIMED_OUT, -1, "", 10_004, "");
        XapiCheckState giving = new XapiCheckState(Optional.of(timedOut), NOW - 2 * S, 10_000, 2, 1, 1, NOW + 6 * S,
                "xapi: no answer");

        assertThat(XapiStatusLines.of(true, CHECK, Optional.of(giving), NOW, WALL)).containsExactly(
                "xapi.health_check=on", "xapi.command=" + CHECK, "xapi.last_check=timed_out",
                "xapi.last_check_detail=still running at its limit of 10000 ms, killed", "xapi.last_check_ms=10004",
                "xapi.last_check_at=2024-05-01T09:59:58.123Z", "xapi.last_check_age_ms=2000",
                "xapi.failed_in_a_row=2", "xapi.restarts_used=1", "xapi.restarts_allowed=1", "xapi.self_fence=pending",
                "xapi.self_fence_in_ms=6000", "xapi.self_fence_at=2024-05-01T10:00:06.123Z",
                "xapi.error=xapi: no answer");
    }

    @Test
    void eachOutcomeHasItsWord() {
        assertThat(lastCheck(new XapiOutcome(1, XapiOutcome.Ended.EXITED, 0, "", 40, ""))).isEqualTo("passed");
        assertThat(lastCheck(new XapiOutcome(1, XapiOutcome.Ended.EXITED, 1, "", 40, ""))).isEqualTo("failed");
        assertThat(lastCheck(new XapiOutcome(1, XapiOutcome.Ended.NOT_STARTED, -1, "", 0, "fork: no memory")))
                .isEqualTo("not_started");
    }

    private static String lastCheck(XapiOutcome o) {
        XapiCheckState s = new XapiCheckState(Optional.of(o), NOW, 10_000, 0, 0, 1, -1, "");
        return XapiStatusLines.of(true, CHECK, Optional.of(s), NOW, WALL).stream()
                .filter(l -> l.startsWith("xapi.last_check=")).findFirst().orElseThrow().substring(16);
    }
}
