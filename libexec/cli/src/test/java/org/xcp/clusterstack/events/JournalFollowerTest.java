package org.xcp.clusterstack.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;

/**
 * {@code events --follow}: each look returns the whole lines added since the last one; a line being written waits
 * for its newline; logrotate's rename loses nothing and repeats nothing; a host that starts later is found.
 */
class JournalFollowerTest {
    @TempDir
    Path base;

    private Path journal(String host) throws IOException {
        Path dir = base.resolve("xhad").resolve(host);
        Files.createDirectories(dir);
        return dir.resolve("events.jsonl");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static String line(long seq) {
        return JournalReaderTest.line(seq, JournalEvent.of(EventKind.ARMED, "armed " + seq)) + "\n";
    }

    private static List<Long> seqs(JournalReader.Contents c) {
        return c.entries().stream().map(JournalEntry::seq).toList();
    }

    @Test
    void eachLookReturnsTheWholeLinesAddedSinceTheLast() throws IOException {
        Path file = journal("a7be0871-1a52-4ad2-b592-686e919ce993");
        append(file, line(1) + line(2));
        JournalFollower follower = new JournalFollower(List.of(base));

        assertThat(seqs(follower.poll())).containsExactly(1L, 2L);
        assertThat(seqs(follower.poll())).isEmpty();

        String third = line(3);
        append(file, third.substring(0, 40));
        assertThat(seqs(follower.poll())).as("half a line waits").isEmpty();
        append(file, third.substring(40) + line(4));
        JournalReader.Contents added = follower.poll();
        assertThat(seqs(added)).containsExactly(3L, 4L);
        assertThat(added.entries()).extracting(JournalEntry::line).containsExactly(3, 4);
    }

    @Test
    void aRotatedJournalIsReadToItsEndAndItsSuccessorFromItsStart() throws IOException {
        Path file = journal("a7be0871-1a52-4ad2-b592-686e919ce993");
        append(file, line(1));
        JournalFollower follower = new JournalFollower(List.of(base));
        follower.poll();

        append(file, line(2));
        Files.move(file, file.resolveSibling("events.jsonl.1"));
        append(file, line(3));

        assertThat(seqs(follower.poll())).containsExactly(2L, 3L);
        assertThat(seqs(follower.poll())).isEmpty();
    }

    @Test
    void aJournalThatAppearsLaterIsFollowedFromItsStartAndABrokenLineIsReported() throws IOException {
        append(journal("772c21cf-451b-4ca7-93ae-87327ea1aa9b"), line(1));
        JournalFollower follower = new JournalFollower(List.of(base));
        follower.poll();

        Path later = journal("91419cea-2994-4e24-a74e-7ef331ca6358");
        append(later, line(1) + "garbage\n" + line(2));
        JournalReader.Contents added = follower.poll();

        assertThat(seqs(added)).containsExactly(1L, 2L);
        assertThat(added.malformed()).singleElement().extracting(MalformedLine::line).isEqualTo(2);
    }
}
