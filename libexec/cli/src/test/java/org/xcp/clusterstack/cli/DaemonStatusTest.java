package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code status} makes of a daemon's STATUS reply, with and without the xhad engine's heartbeat lines. */
class DaemonStatusTest {
    private static final String HOST = "6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01";
    private static final String DAEMON = """
            stack=xhad
            pid=4242
            state=Online
            fencing=armed
            run_dir=/run/cluster-stack/xhad/%s
            """.formatted(HOST);

    private static DaemonStatus status() {
        return new DaemonStatus("xhad", HOST, "/run/cluster-stack/xhad/" + HOST,
                Path.of("/etc/xensource/cluster-stack/xhad.conf"));
    }

    @Test
    void noDaemonIsTheTableAlone() {
        assertThat(status().text()).isEqualTo("stack    xhad\nhost_id  " + HOST + "\npid      -\nstate    absent\n"
                + "fencing  disarmed\nrun_dir  /run/cluster-stack/xhad/" + HOST + "\n");
    }

    @Test
    void anEngineWithoutHeartbeatLinesKeepsTheTable() {
        assertThat(status().reply(DAEMON).text()).isEqualTo("stack    xhad\nhost_id  " + HOST + "\npid      4242\n"
                + "state    Online\nfencing  armed\nrun_dir  /run/cluster-stack/xhad/" + HOST + "\n");
        assertThat(status().reply(DAEMON).json()).containsEntry("pid", 4242L).doesNotContainKey("heartbeat_auth");
    }

    @Test
    void theLogFileAndItsLevelFollowTheTableAndAnUnreachableSyslogIsSaid() {
        String log = "log.file=/var/log/cluster-stack/xhad/" + HOST + "/daemon.log\nlog.level=INFO\nlog.lines_lost=0\n"
                + "log.syslog=/dev/log\n";

        assertThat(status().reply(DAEMON + log + "log.syslog_state=absent\nlog.syslog_dropped=12\n").text())
                .endsWith("run_dir  /run/cluster-stack/xhad/" + HOST + "\n"
                        + "log      /var/log/cluster-stack/xhad/" + HOST + "/daemon.log (INFO and above)\n"
                        + "syslog   /dev/log absent: lines go to the log file only\n");
        assertThat(status().reply(DAEMON + log + "log.syslog_state=connected\n").text())
                .endsWith("/daemon.log (INFO and above)\n");
        assertThat(status().reply(DAEMON + log.replace("lines_lost=0", "lines_lost=3") + "log.syslog_state=connected\n")
                .text()).endsWith("/daemon.log (INFO and above; 3 lines could not be written)\n");
        assertThat(status().reply(DAEMON + log + "log.syslog_state=absent\nlog.syslog_dropped=12\n").json())
                .extractingByKey("log").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("syslog_dropped", 12L).containsEntry("level", "INFO");
    }

    @Test
    void theJournalFollowsAndLinesItCouldNotWriteAreSaid() {
        String journal = "journal.file=/var/log/cluster-stack/xhad/" + HOST + "/events.jsonl\njournal.lines=12\n";

        assertThat(status().reply(DAEMON + journal + "journal.failures=0\n").text())
                .endsWith("journal  /var/log/cluster-stack/xhad/" + HOST + "/events.jsonl\n");
        assertThat(status().reply(DAEMON + journal + "journal.failures=3\n").text())
                .endsWith("/events.jsonl (3 lines could not be written: see the log)\n");
        assertThat(status().reply(DAEMON + journal + "journal.failures=3\n").json())
                .extractingByKey("journal").asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("lines", 12L).containsEntry("failures", 3L);
    }

    @Test
    void theProcessHygieneStepsFollowEachWithItsOutcome() {
        String hygiene = "hygiene=best-effort\nhygiene_cgroup=own: /cluster-stack/xhad-6b3f9b2c (name=systemd, memory)\n"
                + "hygiene_oom_score_adj=refused: Operation not permitted\n"
                + "hygiene_realtime=SCHED_RR 48 on 4 of 4 threads\nhygiene_memory=locked 55 MiB resident\n";

        assertThat(status().reply(DAEMON + hygiene).text()).endsWith("run_dir  /run/cluster-stack/xhad/" + HOST + "\n"
                + "hygiene  best-effort\n"
                + "  cgroup        own: /cluster-stack/xhad-6b3f9b2c (name=systemd, memory)\n"
                + "  realtime      SCHED_RR 48 on 4 of 4 threads\n"
                + "  memory        locked 55 MiB resident\n"
                + "  oom score adj refused: Operation not permitted\n");
        assertThat(status().reply(DAEMON + "hygiene=off\n").text()).endsWith("hygiene  off\n");
    }

    @Test
    void keyedHeartbeatsShowTheKeyIdsAndTheDropsThatHappened() {
        String reply = DAEMON + """
                heartbeat_auth=hmac-sha256
                heartbeat_keys=current=1a2b3c4d previous=99aa00bb
                heartbeat_accepted=1234
                heartbeat_dropped.FAULT_POINT=0
                heartbeat_dropped.SOURCE_ADDRESS=3
                heartbeat_dropped.BAD_MAC=17
                heartbeat_dropped.STALE_SEQUENCE=0
                fence_requests_ignored=0
                """;
        String text = status().reply(reply).text();

        assertThat(text).endsWith("run_dir  /run/cluster-stack/xhad/" + HOST + "\n"
                + "heartbeats: authenticated (HMAC-SHA-256, current=1a2b3c4d previous=99aa00bb)\n"
                + "heartbeats accepted: 1234\n"
                + "heartbeats dropped: SOURCE_ADDRESS 3, BAD_MAC 17\n");
    }

    @Test
    void unkeyedHeartbeatsAreSaidLoudlyWithWhereToSetTheKey() {
        String reply = DAEMON + """
                heartbeat_auth=none
                heartbeat_warning=heartbeats are not authenticated: set heartbeat-key (docs/heartbeat-auth.md)
                heartbeat_accepted=10
                heartbeat_dropped.SOURCE_ADDRESS=0
                fence_requests_ignored=2
                """;
        String text = status().reply(reply).text();

        assertThat(text).contains("state    Online\n").endsWith("heartbeats: NOT authenticated (anyone who can send to"
                + " this pool's heartbeat port can fence it: set heartbeat-key in"
                + " /etc/xensource/cluster-stack/xhad.conf on every host, docs/heartbeat-auth.md)\n"
                + "heartbeats accepted: 10\n"
                + "fence requests ignored (from hosts outside this host's view): 2\n");
    }

    @Test
    void jsonHasEveryLineWithNumbersAsNumbersAndTheDropsGrouped() {
        String reply = DAEMON + """
                heartbeat_auth=hmac-sha256
                heartbeat_keys=current=1a2b3c4d next=5e6f7a8b
                heartbeat_accepted=1234
                heartbeat_dropped.FAULT_POINT=0
                heartbeat_dropped.BAD_MAC=17
                fence_requests_ignored=1
                """;
        Map<String, Object> json = status().reply(reply).json();

        assertThat(json).containsEntry("heartbeat_auth", "hmac-sha256")
                .containsEntry("heartbeat_keys", Map.of("current", "1a2b3c4d", "next", "5e6f7a8b"))
                .containsEntry("heartbeat_accepted", 1234L)
                .containsEntry("heartbeat_dropped", Map.of("FAULT_POINT", 0L, "BAD_MAC", 17L))
                .containsEntry("fence_requests_ignored", 1L)
                .containsEntry("state", "Online");
        StringWriter printed = new StringWriter();
        Json.print(new PrintWriter(printed), json);
        assertThat(printed.toString()).contains("\"heartbeat_dropped\" : {", "\"BAD_MAC\" : 17");
    }

    private static final String XAPI_ON = """
            xapi.health_check=on
            xapi.command=/opt/xensource/libexec/xapi-health-check
            """;

    @Test
    void xapisHealthCheckOffSaysWhyAndWhereToSetIt() {
        String reply = DAEMON + "xapi.health_check=off\nxapi.command=/opt/xensource/libexec/xapi-health-check\n";

        assertThat(status().reply(reply).text()).endsWith("run_dir  /run/cluster-stack/xhad/" + HOST + "\n"
                + "xapi     health check off: no xapi health check installed or configured"
                + " (/opt/xensource/libexec/xapi-health-check is not installed and xapi-health-check-command is not set"
                + " in /etc/xensource/cluster-stack/xhad.conf)\n");
        assertThat(status().reply(reply).json()).extractingByKey("xapi").isEqualTo(Map.of("health_check", "off",
                "command", "/opt/xensource/libexec/xapi-health-check"));
    }

    @Test
    void aHealthyXapiShowsTheLastCheckAndNothingPending() {
        String reply = DAEMON + XAPI_ON + """
                xapi.last_check=passed
                xapi.last_check_detail=exit 0
                xapi.last_check_ms=41
                xapi.last_check_at=2024-05-01T10:00:00.123Z
                xapi.last_check_age_ms=12345
                xapi.failed_in_a_row=0
                xapi.restarts_used=0
                xapi.restarts_allowed=1
                xapi.self_fence=none
                """;

        assertThat(status().reply(reply).text()).endsWith("run_dir  /run/cluster-stack/xhad/" + HOST + "\n"
                + "xapi     health check on: /opt/xensource/libexec/xapi-health-check\n"
                + "  last check    passed in 41 ms, 12.3 s ago (2024-05-01T10:00:00.123Z)\n"
                + "  failures      0 in a row\n"
                + "  restarts      0 of 1 used (XapiRestartAttempts, counted since the last restart that worked,"
                + " for a day)\n"
                + "  self-fence    none pending\n");
    }

    @Test
    void aHostAboutToFenceForXapiSaysSoLoudlyWithWhenAndTheError() {
        String reply = DAEMON.replace("fencing=armed", "fencing=disarmed") + XAPI_ON + """
                xapi.last_check=timed_out
                xapi.last_check_detail=still running at its limit of 10000 ms, killed
                xapi.last_check_ms=10004
                xapi.last_check_at=2024-05-01T10:00:00.123Z
                xapi.last_check_age_ms=1000
                xapi.failed_in_a_row=2
                xapi.restarts_used=1
                xapi.restarts_allowed=1
                xapi.self_fence=pending
                xapi.self_fence_in_ms=7000
                xapi.self_fence_at=2024-05-01T10:00:08.123Z
                xapi.error=500
                """;
        DaemonStatus status = status().reply(reply);

        assertThat(status.text()).endsWith("xapi     health check on: /opt/xensource/libexec/xapi-health-check\n"
                + "  last check    still running at its limit of 10000 ms, killed, 1.0 s ago"
                + " (2024-05-01T10:00:00.123Z)\n"
                + "  failures      2 in a row\n"
                + "  restarts      1 of 1 used (XapiRestartAttempts, counted since the last restart that worked,"
                + " for a day)\n"
                + "  self-fence    PENDING in 7.0 s (2024-05-01T10:00:08.123Z): fencing is not armed here, so it is"
                + " only logged\n"
                + "  error         500\n");
        assertThat(status().reply(reply.replace("timed_out", "failed").replace("xapi.last_check_detail=still running at"
                + " its limit of 10000 ms, killed", "xapi.last_check_detail=exit 1")).text())
                .contains("  last check    failed (exit 1) in 10.0 s, 1.0 s ago");
        assertThat(status().reply(reply.replace("fencing=disarmed", "fencing=armed")).text())
                .contains("  self-fence    PENDING in 7.0 s (2024-05-01T10:00:08.123Z)\n");
    }

    @Test
    void xapisJsonHasEveryFieldByItsNameCountsAsNumbersAndTheErrorAsWords() {
        String reply = DAEMON + XAPI_ON + """
                xapi.last_check=failed
                xapi.last_check_ms=120
                xapi.failed_in_a_row=3
                xapi.restarts_used=1
                xapi.restarts_allowed=2
                xapi.self_fence=pending
                xapi.self_fence_in_ms=7000
                xapi.error=500
                """;

        assertThat(status().reply(reply).json()).extractingByKey("xapi")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("health_check", "on").containsEntry("last_check", "failed")
                .containsEntry("last_check_ms", 120L).containsEntry("failed_in_a_row", 3L)
                .containsEntry("restarts_used", 1L).containsEntry("restarts_allowed", 2L)
                .containsEntry("self_fence_in_ms", 7000L).containsEntry("error", "500");
    }

    @Test
    void anOnCheckBeforeTheEngineHasAViewIsTheOneLine() {
        assertThat(status().reply(DAEMON + XAPI_ON).text()).endsWith("run_dir  /run/cluster-stack/xhad/" + HOST
                + "\nxapi     health check on: /opt/xensource/libexec/xapi-health-check\n");
    }

    @Test
    void operatorsMdTablesEveryXapiField() throws java.io.IOException {
        String page = java.nio.file.Files.readString(Path.of("..", "..", "docs", "operators.md"));
        for (org.xcp.clusterstack.control.XapiStatusField field : org.xcp.clusterstack.control.XapiStatusField
                .values()) {
            assertThat(page).as("docs/operators.md tables %s", field).contains("| `" + field.key() + "` |");
        }
    }
}
