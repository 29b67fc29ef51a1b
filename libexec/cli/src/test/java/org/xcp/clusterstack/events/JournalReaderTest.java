package org.xcp.clusterstack.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;

/**
 * Reading journal lines back: every field of a written line, any evidence in its order, and a line that is not a
 * journal line named by file and line while the lines around it are read, so that a torn last line never hides the
 * rest.
 */
class JournalReaderTest {
    static final HaUuid H2 = HaUuid.parse("a7be0871-1a52-4ad2-b592-686e919ce993");
    private static final Path FILE = Path.of("/var/log/cluster-stack/xhad/h2/events.jsonl");

    @TempDir
    Path dir;

    static String line(long seq, JournalEvent event) {
        return new JournalLine(Instant.parse("2026-12-07T09:20:05.004Z"), seq, "xhad", H2, 2, 4300, event).encode();
    }

    private static JournalEvent fence() {
        return JournalEvent.of(EventKind.SELF_FENCE, "this host lost the survival rule").with("verdict", "LOSE")
                .with("liveset", List.of(0, 1, 2)).with("reported", Map.of("0", Map.of("hbdomain", List.of(0, 1))))
                .with("armed", true);
    }

    @Test
    void aWrittenLineDecodesToEveryFieldWithItsEvidenceInOrder() throws Exception {
        JournalEntry e = JournalReader.decode(FILE, 7, line(8, fence()));

        assertThat(e.time()).isEqualTo(Instant.parse("2026-12-07T09:20:05.004Z"));
        assertThat(e.seq()).isEqualTo(8);
        assertThat(e.stack()).isEqualTo("xhad");
        assertThat(e.host()).isEqualTo(H2);
        assertThat(e.hostIndex()).isEqualTo(2);
        assertThat(e.pid()).isEqualTo(4300);
        assertThat(e.eventKind()).contains(EventKind.SELF_FENCE);
        assertThat(e.summary()).isEqualTo("this host lost the survival rule");
        assertThat(e.evidence().keySet()).containsExactly("verdict", "liveset", "reported", "armed");
        assertThat(e.evidence()).containsEntry("liveset", List.of(0, 1, 2)).containsEntry("armed", true)
                .containsEntry("reported", Map.of("0", Map.of("hbdomain", List.of(0, 1))));
        assertThat(e.where()).isEqualTo(FILE + ":7");
        assertThat(e.text()).isEqualTo(line(8, fence()));
    }

    @Test
    void aKindThisBuildDoesNotKnowAndAFieldItDoesNotKnowAreKept() throws Exception {
        String later = line(1, fence()).replace("\"self-fence\"", "\"quorum-lost\"").replace("{\"time\"",
                "{\"boot_id\":\"b1\",\"time\"");

        JournalEntry e = JournalReader.decode(FILE, 1, later);

        assertThat(e.kind()).isEqualTo("quorum-lost");
        assertThat(e.eventKind()).isEmpty();
    }

    @Test
    void eachWayALineCanBeBrokenIsOneReasonNamingTheFileAndLine() {
        String good = line(1, fence());
        assertThat(problem(good.substring(0, 80))).startsWith(FILE + ":3: not a journal line (not JSON: ");
        assertThat(problem("[1,2]")).isEqualTo(FILE + ":3: not a journal line (not a JSON object)");
        assertThat(problem(good.replace("\"time\":\"2026-12-07T09:20:05.004Z\"", "\"time\":\"yesterday\"")))
                .endsWith("(time is not an ISO-8601 instant)");
        assertThat(problem(good.replace(",\"seq\":1", ""))).endsWith("(no seq whole number)");
        assertThat(problem(good.replace("\"pid\":4300", "\"pid\":\"4300\""))).endsWith("(no pid whole number)");
        assertThat(problem(good.replace("\"host_index\":2", "\"host_index\":64")))
                .endsWith("(host_index 64 is outside 0..63)");
        assertThat(problem(good.replace(H2.dashed(), "host-two")))
                .endsWith("(host is not a host UUID: it has 7 characters without dashes, a UUID has 32)");
        assertThat(problem(good.replace("\"kind\":\"self-fence\"", "\"kind\":7"))).endsWith("(no kind string)");
        assertThat(problem(good.replaceAll(",\"evidence\":.*", "}"))).endsWith("(no evidence object)");
        assertThat(problem(good + " {}")).contains("not JSON");
        assertThat(problem(good.replace("\"seq\":1,", "\"seq\":1,\"seq\":2,"))).contains("Duplicate field 'seq'");
    }

    @Test
    void aTornLineAmongWholeOnesIsSkippedAndNamedAndTheOthersAreRead() throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, line(1, fence()) + "\n" + line(2, fence()).substring(0, 120) + "\n\n"
                + line(1, fence()) + "\n" + line(2, fence()).substring(0, 50));

        JournalReader.Contents contents = JournalReader.read(file);

        assertThat(contents.entries()).extracting(JournalEntry::line).containsExactly(1, 4);
        assertThat(contents.malformed()).extracting(MalformedLine::line).containsExactly(2, 5);
        assertThat(contents.malformed().get(1).message()).startsWith(file + ":5: not a journal line (not JSON: ");
    }

    @Test
    void aJournalLogrotateCompressedIsReadToo() throws IOException {
        Path file = dir.resolve("events.jsonl.2.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write((line(1, fence()) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        assertThat(JournalReader.read(file).entries()).singleElement().extracting(JournalEntry::kind)
                .isEqualTo("self-fence");
    }

    @Test
    void aJournalThatCannotBeReadIsExit1NamingIt() {
        Path missing = dir.resolve("events.jsonl");

        assertThatThrownBy(() -> JournalReader.read(missing)).isInstanceOf(HaException.class)
                .hasMessageStartingWith(missing + ": cannot read the journal: ")
                .satisfies(e -> assertThat(((HaException) e).exitCode().number()).isEqualTo(1));
    }

    private static String problem(String text) {
        try {
            JournalReader.decode(FILE, 3, text);
            throw new AssertionError("decoded: " + text);
        } catch (JournalReader.MalformedLineException e) {
            return e.line().message();
        }
    }
}
