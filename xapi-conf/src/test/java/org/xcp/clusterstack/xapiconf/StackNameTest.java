package org.xcp.clusterstack.xapiconf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** selector.md §5.1. */
class StackNameTest {
    @ParameterizedTest
    @ValueSource(strings = {"xhad", "corosync", "o2cb", "melio-2.0", "a", "...", "..x", ".hidden", "my stack",
        "back\\slash", "caf\u00e9", "x\ty"})
    void validNames(String name) {
        assertThat(StackName.isValid(name)).isTrue();
        assertThat(StackName.problem(name)).isEmpty();
        assertThat(new StackName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``         | invalid stack name \"\": it is empty",
        ".          | invalid stack name \".\": it is \".\", which names no directory below the root",
        "..         | invalid stack name \"..\": it is \"..\", which names no directory below the root",
        "../x       | invalid stack name \"../x\": it contains '/'",
        "a/b        | invalid stack name \"a/b\": it contains '/'",
        "/abs       | invalid stack name \"/abs\": it contains '/'",
        "` x`       | invalid stack name \" x\": it starts with whitespace",
        "`x `       | invalid stack name \"x \": it ends with whitespace",
    })
    void invalidNamesSayWhy(String name, String message) {
        assertThat(StackName.isValid(name)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> new StackName(name)).withMessage(message);
    }

    @Test
    void nulControlWhitespaceAndNoBreakSpaceAreCaught() {
        assertThat(StackName.problem("a\0b")).contains("it contains NUL");
        assertThat(StackName.problem("xhad\r")).contains("it ends with whitespace");
        assertThat(StackName.problem("\txhad")).contains("it starts with whitespace");
        assertThat(StackName.problem("xhad\u00a0")).contains("it ends with whitespace");
        assertThatIllegalArgumentException().isThrownBy(() -> new StackName("xhad\n"))
                .withMessage("invalid stack name \"xhad\\n\": it ends with whitespace");
    }

    @ParameterizedTest
    @CsvSource({"xhad, true", "melio-2.0, true", "O2CB_1, true", "9, true", "-x, false", ".hidden, false",
        "_x, false", "'my stack', false", "caf\u00e9, false", "a+b, false"})
    void theConventionalPatternIsAdviceOnly(String name, boolean conventional) {
        assertThat(new StackName(name).isConventional()).isEqualTo(conventional);
    }

    @Test
    void namesSortByteWise() {
        List<StackName> names = new ArrayList<>(List.of(StackName.of("b"), StackName.of("B"), StackName.of("\uff41"),
                StackName.of("\ud83d\ude00"), StackName.of("a"), StackName.of("10"), StackName.of("9")));
        Collections.sort(names);

        // U+FF41 before U+1F600 in UTF-8, although its UTF-16 form sorts after the surrogate pair's.
        assertThat(names).extracting(StackName::value)
                .containsExactly("10", "9", "B", "a", "b", "\uff41", "\ud83d\ude00");
    }

    @Test
    void theConstantsAreXapisTwoNames() {
        assertThat(StackName.XHAD).hasToString("xhad");
        assertThat(StackName.COROSYNC).hasToString("corosync");
    }
}
