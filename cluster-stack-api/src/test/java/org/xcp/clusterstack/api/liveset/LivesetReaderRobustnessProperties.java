package org.xcp.clusterstack.api.liveset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** Whatever the input, the reader returns a liveset or throws HaException(INTERNAL_BUG), nothing else. */
class LivesetReaderRobustnessProperties {
    private static final List<String> FIXTURES = List.of(
            LivesetFixtures.text("liveset-3up-h1.xml"),
            LivesetFixtures.text("liveset-3up-h3.xml"),
            LivesetFixtures.text("liveset-starting.xml"),
            LivesetFixtures.text("liveset-spec-4.4-host-c-dead.xml"));

    /** Characters that matter to XML, plus controls, so random text reaches the parser's corners. */
    private static final String XML_CHARS = "<>/!?-[]&;#x\"'= \n\t\rabcdefTRUEFALSE0123456789_:\u0000\u0007\u00e9\uffff";

    @Property
    void arbitraryStrings(@ForAll String text) {
        readsOrRejectsAsInternalBug(text);
    }

    @Property
    void arbitraryXmlishStrings(@ForAll("xmlish") String text) {
        readsOrRejectsAsInternalBug(text);
    }

    @Property
    void mutationsOfRealOutput(@ForAll("fixtureIndex") int fixture, @ForAll("mutations") List<Mutation> mutations) {
        String text = FIXTURES.get(fixture);
        for (Mutation mutation : mutations) {
            text = mutation.apply(text);
        }
        Statistics.collect(readsOrRejectsAsInternalBug(text));
        // Both outcomes must be common, or the mutations would only ever exercise one path.
        Statistics.coverage(coverage -> {
            coverage.check("read").percentage(p -> p > 2);
            coverage.check("rejected").percentage(p -> p > 2);
        });
    }

    /** One element of real output set to any value: reaches every field's parsing with otherwise valid input. */
    @Property
    void oneElementOfRealOutputSetToAnyValue(@ForAll("fixtureIndex") int fixture,
            @ForAll @IntRange(min = 0) int which, @ForAll("contents") String content) {
        Statistics.collect(readsOrRejectsAsInternalBug(new SetText(which, content).apply(FIXTURES.get(fixture))));
        Statistics.coverage(coverage -> {
            coverage.check("read").percentage(p -> p > 2);
            coverage.check("rejected").percentage(p -> p > 2);
        });
    }

    private static String readsOrRejectsAsInternalBug(String text) {
        try {
            LivesetReader.read(text);
            return "read";
        } catch (HaException e) {
            assertThat(e.exitCode()).isEqualTo(ExitCode.INTERNAL_BUG);
            assertThat(e.getMessage()).startsWith("liveset: ").doesNotContain("\n");
            return "rejected";
        }
    }

    @Provide
    Arbitrary<String> xmlish() {
        return Arbitraries.strings().withChars(XML_CHARS).ofMaxLength(200);
    }

    @Provide
    Arbitrary<Integer> fixtureIndex() {
        return Arbitraries.integers().between(0, FIXTURES.size() - 1);
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Integer> anywhere = Arbitraries.integers().between(0, Integer.MAX_VALUE);
        Arbitrary<Mutation> truncate = anywhere.map(Truncate::new);
        Arbitrary<Mutation> flipBit = Combinators.combine(anywhere, Arbitraries.integers().between(0, 7)).as(FlipBit::new);
        Arbitrary<Mutation> replaceChar = Combinators.combine(anywhere, Arbitraries.chars().with(XML_CHARS.toCharArray()))
                .as(ReplaceChar::new);
        Arbitrary<Mutation> deleteElement = anywhere.map(DeleteElement::new);
        Arbitrary<Mutation> setText = Combinators.combine(anywhere, contents()).as(SetText::new);
        return Arbitraries.oneOf(truncate, flipBit, replaceChar, deleteElement, setText).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Element contents: random XML-ish text, and values that are well-formed but maybe out of range. */
    @Provide
    static Arbitrary<String> contents() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars(XML_CHARS).ofMaxLength(20),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.integers().between(-100, 100).map(String::valueOf),
                Arbitraries.of("TRUE", "true", "FALSE", "1", "", " ", "0x7fffffffffffffff", "-0x1", "1_0"),
                LivesetArbitraries.uuids().map(id -> id.dashed()));
    }

    sealed interface Mutation permits Truncate, FlipBit, ReplaceChar, DeleteElement, SetText {
        String apply(String text);
    }

    record Truncate(int at) implements Mutation {
        public String apply(String text) {
            return text.substring(0, text.isEmpty() ? 0 : at % text.length());
        }
    }

    /** Flips one bit of the UTF-8 bytes; invalid sequences decode to U+FFFD, as a reader of bytes would. */
    record FlipBit(int at, int bit) implements Mutation {
        public String apply(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            if (bytes.length > 0) {
                bytes[at % bytes.length] ^= (byte) (1 << bit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    record ReplaceChar(int at, char c) implements Mutation {
        public String apply(String text) {
            if (text.isEmpty()) {
                return text;
            }
            int i = at % text.length();
            return text.substring(0, i) + c + text.substring(i + 1);
        }
    }

    /** Deletes one whole element (start tag to its end tag), chosen among the elements present. */
    record DeleteElement(int which) implements Mutation {
        public String apply(String text) {
            List<int[]> spans = elementSpans(text);
            if (spans.isEmpty()) {
                return text;
            }
            int[] span = spans.get(which % spans.size());
            return text.substring(0, span[0]) + text.substring(span[1]);
        }
    }

    /** Replaces the content of one element with random text. */
    record SetText(int which, String content) implements Mutation {
        public String apply(String text) {
            List<int[]> spans = elementSpans(text);
            if (spans.isEmpty()) {
                return text;
            }
            int[] span = spans.get(which % spans.size());
            return text.substring(0, span[2]) + content + text.substring(span[3]);
        }
    }

    /** For each {@code <name>...</name>}: element start, element end, content start, content end. */
    private static List<int[]> elementSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        Matcher start = Pattern.compile("<([A-Za-z_]+)>").matcher(text);
        while (start.find()) {
            String close = "</" + start.group(1) + ">";
            int end = text.indexOf(close, start.end());
            if (end >= 0) {
                spans.add(new int[] {start.start(), end + close.length(), start.end(), end});
            }
        }
        return spans;
    }
}
