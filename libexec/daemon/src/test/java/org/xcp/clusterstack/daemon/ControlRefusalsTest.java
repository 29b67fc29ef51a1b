package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.daemon.ControlRefusals.Kind;

/** A flood of refused connections adds a line per kind and a summary a minute to the log, not a line each. */
class ControlRefusalsTest {
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final List<String> lines = new ArrayList<>();
    private final ControlRefusals refusals = new ControlRefusals(lines::add, 0);

    @Test
    void theFirstOfAKindIsLoggedTheRestSummedUpOnceAMinute() {
        for (int i = 0; i < 1_000; i++) {
            refusals.refused(Kind.SHED, "64 connections open", i * SECOND / 100);
        }
        refusals.refused(Kind.MALFORMED, "1: malformed request: longer than 256 bytes", 20 * SECOND);

        assertThat(lines).containsExactly(
                "control socket: a connection closed idle to make room for a new one: 64 connections open",
                "control socket: a connection refused: not a request the scripts or the CLI send: 1: malformed"
                        + " request: longer than 256 bytes");
        assertThat(refusals.nanosUntilSummary(20 * SECOND)).isEqualTo(40 * SECOND);

        refusals.tick(59 * SECOND);
        assertThat(lines).hasSize(2);
        refusals.tick(60 * SECOND);

        assertThat(lines).hasSize(3).last().isEqualTo("control socket, in the last minute: 999 more connections"
                + " closed idle to make room for a new one (1000 since the start)");
        assertThat(refusals.total(Kind.SHED)).isEqualTo(1_000);
        assertThat(refusals.nanosUntilSummary(61 * SECOND)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aQuietMinuteLogsNothingAndTheNextRefusalIsLoggedAgain() {
        refusals.refused(Kind.IDLE, "no whole request within 5 s", 0);
        refusals.tick(60 * SECOND);
        refusals.tick(200 * SECOND);
        refusals.refused(Kind.IDLE, "no whole request within 5 s", 300 * SECOND);

        assertThat(lines).hasSize(2).allMatch(l -> l.startsWith("control socket: a connection closed without a"
                + " whole request within the read timeout"));
    }
}
