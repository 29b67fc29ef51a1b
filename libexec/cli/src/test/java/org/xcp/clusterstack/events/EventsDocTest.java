package org.xcp.clusterstack.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalLine;

/** docs/events.md tables what the code defines: every field in order, every kind, every verdict of why-fenced. */
class EventsDocTest {
    private static final Path PAGE = Path.of("..", "..", "docs", "events.md");

    /** The first cell of each table row of the page, in order. */
    private static List<String> firstCells() throws IOException {
        List<String> cells = new ArrayList<>();
        for (String line : Files.readAllLines(PAGE)) {
            if (line.startsWith("| `")) {
                cells.add(line.substring(3, line.indexOf('`', 3)));
            }
        }
        return cells;
    }

    @Test
    void theLineFormatTableHasEveryFieldInTheWrittenOrder() throws IOException {
        assertThat(firstCells()).containsSubsequence(JournalLine.FIELDS);
    }

    @Test
    void theKindsTableHasEveryKind() throws IOException {
        for (EventKind kind : EventKind.values()) {
            assertThat(firstCells()).as("docs/events.md lists %s", kind).contains(kind.wire());
        }
    }

    @Test
    void theVerdictsTableHasEveryVerdictWithItsExitCode() throws IOException {
        String page = Files.readString(PAGE);
        for (FenceInquiry.Verdict v : FenceInquiry.Verdict.values()) {
            assertThat(page).as("docs/events.md gives %s its exit code", v)
                    .contains("| `" + v.wire() + "` | " + (v.fenced() ? "0" : "2") + " |");
        }
    }
}
