package org.xcp.clusterstack.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;

/**
 * The writer's hand-made encoding and the reader's JSON library agree: any summary and evidence strings (control
 * characters, quotes, backslashes, any code point), numbers, booleans and host lists come back as written, on one
 * line.
 */
class JournalLineRoundTripProperties {
    @Property(tries = 500)
    void whatIsWrittenIsReadBack(@ForAll("text") String summary, @ForAll("text") String key,
            @ForAll("text") String value, @ForAll long number, @ForAll boolean flag,
            @ForAll("kinds") EventKind kind, @ForAll("instants") Instant time) throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("value", value);
        nested.put("hosts", List.of(0, 63));
        JournalEvent event = JournalEvent.of(kind, summary).with(key, value).with("n", number).with("flag", flag)
                .with("nested", nested);
        HaUuid host = HaUuid.parse("91419cea-2994-4e24-a74e-7ef331ca6358");
        String line = new JournalLine(time, 42, "xhad", host, 1, 99, event).encode();

        assertThat(line).doesNotContain("\n", "\r");
        JournalEntry e = JournalReader.decode(Path.of("events.jsonl"), 1, line);
        assertThat(e.time()).isEqualTo(time);
        assertThat(e.kind()).isEqualTo(kind.wire());
        assertThat(e.summary()).isEqualTo(summary);
        assertThat(e.evidence()).containsEntry(key, value);
        assertThat(((Number) e.evidence().get("n")).longValue()).isEqualTo(number);
        assertThat(e.evidence()).containsEntry("flag", flag).containsEntry("nested", nested);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("\"\\\n\r\t\u0000\u001f\u007f\u2028é☃/").ofMaxLength(12))
                .filter(s -> !s.equals("n") && !s.equals("flag") && !s.equals("nested"))
                .filter(JournalLineRoundTripProperties::wellFormed);
    }

    /** Lone surrogates are not text: UTF-8 cannot carry them, whoever encodes. */
    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(++i)))) {
                return false;
            }
            if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<EventKind> kinds() {
        return Arbitraries.of(EventKind.class);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800_000L).map(Instant::ofEpochMilli);
    }
}
