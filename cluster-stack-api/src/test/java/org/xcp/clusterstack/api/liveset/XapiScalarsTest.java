package org.xcp.clusterstack.api.liveset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.HaUuid;

/** The OCaml conversions xapi applies to liveset text. */
class XapiScalarsTest {

    @ParameterizedTest(name = "int_of_string \"{0}\" = {1}")
    @CsvSource(delimiter = '|', value = {
        "0|0", "-1|-1", "+7|7", "007|7", "1_000|1000", "1__2|12", "0_|0",
        "0x1F|31", "0X1f|31", "0o17|15", "0O17|15", "0b101|5", "0B101|5", "0u42|42", "-0x1|-1",
        "4611686018427387903|4611686018427387903", "-4611686018427387904|-4611686018427387904",
        // The prefixed forms are unsigned 63-bit and wrap, as in OCaml.
        "0x7fffffffffffffff|-1", "0x4000000000000000|-4611686018427387904", "0u4611686018427387904|-4611686018427387904",
    })
    void acceptsWhatOcamlAccepts(String text, long value) {
        assertThat(XapiScalars.ocamlInt(text)).hasValue(value);
    }

    @ParameterizedTest(name = "int_of_string \"{0}\" fails")
    @ValueSource(strings = {
        "", "-", "+", "_1", "-_1", "0x", "0x_1", "0xg", "0b2", "0o8", "1.5", "1e3", " 1", "1 ", "12ms", "--1", "+-1",
        "4611686018427387904", "-4611686018427387905", "0x8000000000000000", "99999999999999999999",
        "\u0663", "TRUE",
    })
    void rejectsWhatOcamlRejects(String text) {
        assertThat(XapiScalars.ocamlInt(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"true|true", "TRUE|true", "True|true", "tRuE|true", "false|false", "FALSE|false"})
    void booleansAreCaseInsensitive(String text, boolean value) {
        assertThat(XapiScalars.bool(text)).contains(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "0", "yes", " TRUE", "TRUE.", "t"})
    void otherBooleansFail(String text) {
        assertThat(XapiScalars.bool(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"772c21cf-451b-4ca7-93ae-87327ea1aa9b", "772C21CF-451B-4CA7-93AE-87327EA1AA9B",
        "772c21CF-451b-4ca7-93ae-87327ea1aa9B"})
    void uuidsOfEitherCase(String text) {
        assertThat(XapiScalars.uuid(text)).contains(HaUuid.parse("772c21cf451b4ca793ae87327ea1aa9b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"772c21cf451b4ca793ae87327ea1aa9b", "{772c21cf-451b-4ca7-93ae-87327ea1aa9b}",
        "772c21cf4-51b-4ca7-93ae-87327ea1aa9b", "772c21cf-451b-4ca7-93ae-87327ea1aa9g",
        "772c21cf-451b-4ca7-93ae-87327ea1aa9\u0663", " 772c21cf-451b-4ca7-93ae-87327ea1aa9b", ""})
    void notUuids(String text) {
        assertThat(XapiScalars.uuid(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n  \t \n"})
    void aBlankListIsEmpty(String text) {
        assertThat(XapiScalars.uuidList(text)).contains(List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "772c21cf-451b-4ca7-93ae-87327ea1aa9b 91419cea-2994-4e24-a74e-7ef331ca6358",
        "\n    772c21cf-451b-4ca7-93ae-87327ea1aa9b\n\t91419cea-2994-4e24-a74e-7ef331ca6358\n  ",
        "772c21cf-451b-4ca7-93ae-87327ea1aa9b\u000b\f\r91419cea-2994-4e24-a74e-7ef331ca6358"})
    void listMembersAreSeparatedByAnyWhitespace(String text) {
        assertThat(XapiScalars.uuidList(text)).contains(List.of(LivesetFixtures.H1, LivesetFixtures.H2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"772c21cf-451b-4ca7-93ae-87327ea1aa9b,91419cea-2994-4e24-a74e-7ef331ca6358",
        "772c21cf-451b-4ca7-93ae-87327ea1aa9b x"})
    void aListWithANonUuidFails(String text) {
        assertThat(XapiScalars.uuidList(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"' a b '|a b", "'\n\t x\r\f'|x", "'   '|''"})
    void trimRemovesOcamlWhitespace(String text, String trimmed) {
        assertThat(XapiScalars.trim(text)).isEqualTo(trimmed);
    }
}
