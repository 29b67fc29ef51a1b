package org.xcp.clusterstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A failed script's line on stderr, in the shape of xhad's scripts ({@code xenserver/xha scripts/ha_rc}: the output
 * of {@code date}, the message, the exit code in parentheses), with our message: the script, why, what to do.
 */
class FailureLineTest {
    private static final ZonedDateTime WHEN = ZonedDateTime.of(2026, 12, 7, 8, 35, 53, 0, ZoneId.of("UTC"));

    @Test
    void theLineIsDateScriptReasonAdviceAndTheCodeInParentheses() {
        assertThat(FailureLine.of(WHEN, "ha_start_daemon", ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET,
                "the live members HostSet[0, 1] did not accept this host"))
                .isEqualTo("Mon Dec  7 08:35:53 UTC 2026 ha_start_daemon: the live members HostSet[0, 1] did not"
                        + " accept this host; the hosts already live did not take this one in: check that they and"
                        + " this host hear each other's heartbeats (network, UDP port, heartbeat key), then see the"
                        + " daemon's log (13)");
        assertThat(FailureLine.of(WHEN, "ha_query_liveset", ExitCode.DAEMON_IS_NOT_PRESENT,
                "no daemon runs for this host (/run/cluster-stack/xhad/6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01)"))
                .isEqualTo("Mon Dec  7 08:35:53 UTC 2026 ha_query_liveset: no daemon runs for this host"
                        + " (/run/cluster-stack/xhad/6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01); ha_start_daemon starts it"
                        + " (14)");
    }

    @Test
    void theDateIsWhatDatePrintsWithNoLocale() {
        assertThat(FailureLine.date(Instant.EPOCH.atZone(ZoneId.of("UTC")))).isEqualTo("Thu Jan  1 00:00:00 UTC 1970");
        assertThat(FailureLine.date(Instant.EPOCH.atZone(ZoneOffset.UTC))).isEqualTo("Thu Jan  1 00:00:00 UTC 1970");
        assertThat(FailureLine.date(Instant.ofEpochSecond(1_733_000_000L).atZone(ZoneId.of("America/New_York"))))
                .isEqualTo("Sat Nov 30 15:53:20 EST 2024");
        assertThat(FailureLine.date(Instant.ofEpochSecond(1_720_000_000L).atZone(ZoneId.of("Europe/London"))))
                .isEqualTo("Wed Jul  3 10:46:40 BST 2024");
    }

    @Test
    void theDateMatchesTheDateProgramAsXapiRunsIt() throws Exception {
        long second = 1_720_000_000L;
        for (String zone : List.of("UTC", "Europe/London", "Asia/Kolkata")) {
            Process date = new ProcessBuilder("/usr/bin/env", "-i", "PATH=/usr/bin:/bin", "TZ=" + zone, "date", "-d",
                    "@" + second).redirectErrorStream(true).start();
            String printed = new String(date.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(date.waitFor(10, TimeUnit.SECONDS)).isTrue();

            assertThat(FailureLine.date(Instant.ofEpochSecond(second).atZone(ZoneId.of(zone)))).as(zone)
                    .isEqualTo(printed);
        }
    }

    @Test
    void withoutAReasonTheLineSaysWhatTheCodeMeans() {
        assertThat(FailureLine.sentence(ExitCode.INVALID_LOCALHOST_STATE, ""))
                .isEqualTo("host not Online; wait until ha_query_liveset says Online");
        assertThat(FailureLine.sentence(ExitCode.SYSTEM_ERROR, null)).isEqualTo("fatal system error; see the daemon's log");
    }

    @Test
    void aReasonThatEndsWithTheAdviceDoesNotRepeatIt() {
        assertThat(FailureLine.sentence(ExitCode.DAEMON_IS_PRESENT, "it runs; ha_stop_daemon stops it"))
                .isEqualTo("it runs; ha_stop_daemon stops it");
    }

    @Test
    void everyCodesLineIsOneLineEndingWithItsNumber() {
        for (ExitCode code : ExitCode.values()) {
            String line = FailureLine.of(WHEN, "ha_set_excluded", code, "first\nsecond\r\nthird");

            assertThat(line).doesNotContain("\n", "\r")
                    .matches("[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4} ha_set_excluded: "
                            + "first second third(; [^\n]+)? \\(" + code.number() + "\\)");
        }
    }

    @Test
    void everyFailureCodeSaysWhatToDoExceptOnesThatNeedNoAdvice() {
        for (ExitCode code : ExitCode.values()) {
            boolean none = code == ExitCode.SUCCESS || code == ExitCode.IMPROPER_LICENSE
                    || code == ExitCode.INVALID_PARAMETER; // 1: the reason says which argument and what is expected
            assertThat(code.advice().isEmpty()).as(code.xhadName()).isEqualTo(none);
            assertThat(code.advice()).as(code.xhadName()).doesNotEndWith(".").doesNotContain("\n");
        }
    }
}
