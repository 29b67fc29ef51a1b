package org.xcp.clusterstack.api;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Every message on one line: folding, quoting, and quoting bytes. */
class OneLineTest {
    @Test
    void lineBreaksOfEveryKindBecomeOneSpaceAndTheEndsAreStripped() {
        assertThat(OneLine.of(" a\r\nb\n\nc\u2028d\u2029e ")).isEqualTo("a b c d e");
        assertThat(OneLine.of("plain")).isEqualTo("plain");
        assertThat(OneLine.of(null)).isEmpty();
    }

    @Test
    void aQuotedValueShowsItsBlanksQuotesAndControlCharacters() {
        assertThat(OneLine.quote(" xhad")).isEqualTo("\" xhad\"");
        assertThat(OneLine.quote("")).isEqualTo("\"\"");
        assertThat(OneLine.quote("a\"b\\c\r\n\t\u0001\u2028")).isEqualTo("\"a\\\"b\\\\c\\r\\n\\t\\u0001\\u2028\"");
    }

    @Test
    void quotedBytesShowTheHighHalfAsHex() {
        assertThat(OneLine.quoteBytes("caf\u00e9")).isEqualTo("\"caf\\xe9\"");
        assertThat(OneLine.quote("caf\u00e9")).isEqualTo("\"caf\u00e9\"");
    }

    @Property
    void neverALineBreak(@ForAll String any) {
        assertThat(OneLine.of(any)).doesNotContain("\n", "\r", "\u2028", "\u2029");
        assertThat(OneLine.quote(any)).doesNotContain("\n", "\r", "\u2028", "\u2029");
        assertThat(OneLine.quoteBytes(any)).doesNotContain("\n", "\r", "\u2028", "\u2029");
    }
}
