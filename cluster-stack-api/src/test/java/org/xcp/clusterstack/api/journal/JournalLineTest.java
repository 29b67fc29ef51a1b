package org.xcp.clusterstack.api.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * The journal's line format, byte for byte: each event built here is the line of {@code journal/golden.jsonl} at
 * the same position (docs/events.md shows the same fields in the same order).
 */
class JournalLineTest {
    private static final HaUuid H1 = HaUuid.parse("772c21cf-451b-4ca7-93ae-87327ea1aa9b");
    private static final Instant START = Instant.parse("2026-12-07T04:53:17Z");

    private static JournalLine line(Instant time, long seq, JournalEvent event) {
        return new JournalLine(time, seq, "xhad", H1, 0, 4242, event);
    }

    @Test
    void aLineWithoutEvidenceHasAnEmptyObjectAndAWholeSecondHasThreeDigitsOfMilliseconds() throws IOException {
        JournalEvent started = JournalEvent.of(EventKind.DAEMON_STARTED, "started");

        assertThat(line(START, 1, started).encode()).isEqualTo(golden(0));
    }

    @Test
    void evidenceKeepsItsOrderAndNestsListsOfHostIndexesAndMaps() throws IOException {
        Map<String, Object> statefile = new LinkedHashMap<>();
        statefile.put("seen", true);
        statefile.put("generation", "6d2f0b3c");
        JournalEvent dropped = JournalEvent.of(EventKind.HOST_DROPPED, "host 2 dropped: no heartbeat for 10,010 ms")
                .with("host", 2)
                .with("last_heartbeat_ms_ago", 10_010L)
                .with("rule", "survival")
                .with("liveset_before", HostSet.of(0, 1, 2))
                .with("liveset_after", List.of(0, 1))
                .with("statefile", statefile)
                .with("master", false);

        assertThat(line(Instant.parse("2026-12-07T04:53:21.125999Z"), 7, dropped).encode()).isEqualTo(golden(1));
    }

    @Test
    void stringsAreEscapedPerRfc8259AndOddValuesBecomeStringsOrNull() throws IOException {
        Map<String, Object> deeper = new LinkedHashMap<>();
        deeper.put("deeper", Map.of("x", -1));
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("nan", Double.NaN);
        evidence.put("ratio", 0.5);
        evidence.put("none", null);
        evidence.put("empty", List.of());
        evidence.put("words", new String[] {"a", "b"});
        evidence.put("nested", deeper);
        JournalEvent odd = new JournalEvent(EventKind.SELF_FENCE,
                "quote \" backslash \\ tab \t newline \n escape \u001b unit sep \u001f é ☃", evidence);

        assertThat(line(Instant.parse("2026-12-07T04:53:21.130Z"), 8, odd).encode()).isEqualTo(golden(2));
    }

    @Test
    void theFieldsAreWrittenInTheirDocumentedOrder() throws IOException {
        String text = golden(1);
        int at = -1;
        for (String field : JournalLine.FIELDS) {
            int next = text.indexOf("\"" + field + "\":");
            assertThat(next).as(field).isGreaterThan(at);
            at = next;
        }
    }

    private static String golden(int index) throws IOException {
        try (InputStream in = JournalLineTest.class.getResourceAsStream("/journal/golden.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList().get(index);
        }
    }
}
