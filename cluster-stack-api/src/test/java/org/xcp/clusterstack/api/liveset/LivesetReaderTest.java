package org.xcp.clusterstack.api.liveset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.xcp.clusterstack.api.liveset.LivesetText.deleteElement;
import static org.xcp.clusterstack.api.liveset.LivesetText.insertBefore;
import static org.xcp.clusterstack.api.liveset.LivesetText.setText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * The reader against real xhad output. The rows of xapi's acceptance table (fixtures/xapi/README.md)
 * are in {@link XapiAcceptanceTableTest}; here are the fixtures and the fields xapi ignores.
 */
class LivesetReaderTest {
    private static final String H1 = LivesetFixtures.text("liveset-3up-h1.xml");

    static Stream<Arguments> goldenFiles() {
        return Stream.of(
                Arguments.of("liveset-3up-h1.xml", (Supplier<Liveset>) LivesetFixtures::threeUpOnH1),
                Arguments.of("liveset-3up-h3.xml", (Supplier<Liveset>) LivesetFixtures::threeUpOnH3),
                Arguments.of("liveset-starting.xml", (Supplier<Liveset>) LivesetFixtures::startingOnH3),
                Arguments.of("liveset-spec-4.4-host-c-dead.xml",
                        (Supplier<Liveset>) LivesetFixtures::specExampleHostCDead));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void readsRealXhadOutputIntoTheStateItDescribes(String file, Supplier<Liveset> state) {
        assertThat(LivesetReader.read(LivesetFixtures.text(file))).isEqualTo(state.get());
    }

    @Test
    void ignoredFieldsThatAreAbsentGetDefaults() {
        String xml = H1.replaceAll("\\s*<HostIndex>\\d+</HostIndex>", "")
                .replaceAll("\\s*<xapi_error_string></xapi_error_string>", "")
                .replaceAll("(?s)\\s*<statefile_active_list_on_(heartbeat|statefile)>.*?</statefile_active_list_on_\\1>", "");
        xml = deleteElement(xml, "timeout", 1);

        Liveset liveset = LivesetReader.read(xml);

        assertThat(liveset.localHostIndex()).isEqualTo(-1);
        assertThat(liveset.hosts()).allSatisfy(host -> assertThat(host.index()).isEqualTo(-1));
        assertThat(liveset.rawStatus().orElseThrow().hosts()).allSatisfy(host -> {
            assertThat(host.index()).isEqualTo(-1);
            assertThat(host.xapiErrorString()).isEmpty();
            assertThat(host.statefileActiveOnHeartbeat()).isEmpty();
            assertThat(host.statefileActiveOnStatefile()).isEmpty();
            assertThat(host.heartbeatActiveOnHeartbeat()).isEqualTo(LivesetFixtures.ALL_THREE);
        });
        assertThat(liveset.timeouts()).isEmpty();
    }

    @Test
    void ignoredFieldsThatAreMalformedGetDefaults() {
        String xml = setText(H1, "HostIndex", 1, "first");
        xml = setText(xml, "HostIndex", 2, "64");
        xml = setText(xml, "statefile_active_list_on_heartbeat", 1, "not-a-uuid");
        xml = setText(xml, "xapi_error_string", 1, "<b>bold</b>");
        xml = setText(xml, "T3", 1, "two minutes");

        Liveset liveset = LivesetReader.read(xml);

        assertThat(liveset.localHostIndex()).isEqualTo(-1);
        assertThat(liveset.hosts().get(0).index()).isEqualTo(-1);
        assertThat(liveset.rawStatus().orElseThrow().hosts().get(0).statefileActiveOnHeartbeat()).isEmpty();
        assertThat(liveset.rawStatus().orElseThrow().hosts().get(0).xapiErrorString()).isEmpty();
        assertThat(liveset.timeouts()).isEmpty();
    }

    @Test
    void optionalSectionsThatAreAbsentAreEmpty() {
        String xml = deleteElement(deleteElement(H1, "raw_status_on_local_host", 1), "warning_on_local_host", 1);

        Liveset liveset = LivesetReader.read(xml);

        assertThat(liveset.rawStatus()).isEmpty();
        assertThat(liveset.warnings()).isEmpty();
        assertThat(liveset.hosts()).isEqualTo(LivesetFixtures.threeUpOnH1().hosts());
    }

    @Test
    void xapiErrorStringIsReadUntrimmedAndUnescaped() {
        String xml = setText(H1, "xapi_error_string", 2, "  xapi &lt;down&gt; &amp; out  ");

        assertThat(LivesetReader.read(xml).rawStatus().orElseThrow().hosts().get(1).xapiErrorString())
                .isEqualTo("  xapi <down> & out  ");
    }

    @Test
    void integersInEveryFormOcamlReads() {
        String xml = setText(H1, "statefile_latency", 1, " 0x10 ");
        xml = setText(xml, "heartbeat_latency_max", 1, "1_000");
        xml = setText(xml, "time_since_last_heartbeat", 1, "+5");
        xml = setText(xml, "Xapi_healthcheck_latency_min", 1, "-4611686018427387904");

        RawStatus raw = LivesetReader.read(xml).rawStatus().orElseThrow();

        assertThat(raw.statefile().last()).isEqualTo(16);
        assertThat(raw.heartbeat().max()).isEqualTo(1000);
        assertThat(raw.hosts().get(0).msSinceHeartbeat()).isEqualTo(5);
        assertThat(raw.xapiHealthcheck().min()).isEqualTo(-4_611_686_018_427_387_904L);
    }

    @Test
    void hostIdsAreTrimmedAndEitherCase() {
        String xml = LivesetText.replaceElement(H1, "HostID", 3,
                "<HostID>\n  91419CEA-2994-4E24-A74E-7EF331CA6358  \n</HostID>");

        assertThat(LivesetReader.read(xml).hosts().get(1).id()).isEqualTo(LivesetFixtures.H2);
    }

    @Test
    void aRepeatedFieldTakesItsLastValue() {
        String xml = insertBefore(H1, "</host>", 2, "  <liveness>FALSE</liveness>\n  ");

        assertThat(LivesetReader.read(xml).hosts().get(1).live()).isFalse();
    }

    @Test
    void aFieldThatStartsWithAnElementIsLeftOutSoAnEarlierOneStands() {
        String xml = insertBefore(H1, "</host>", 2, "<liveness><b/>FALSE</liveness>");

        assertThat(LivesetReader.read(xml).hosts().get(1).live()).isTrue();
    }

    @Test
    void onlyTheFirstStatusCounts() {
        String xml = insertBefore(H1, "<localhost>", 1, "<status>bogus</status>");

        assertThat(LivesetReader.read(xml).status()).isEqualTo(LivesetStatus.ONLINE);
    }

    @Test
    void cdataAndCharacterReferencesAreText() {
        String xml = setText(H1, "status", 1, "<![CDATA[Online]]>");
        xml = setText(xml, "liveness", 2, "&#70;ALSE");

        Liveset liveset = LivesetReader.read(xml);

        assertThat(liveset.status()).isEqualTo(LivesetStatus.ONLINE);
        assertThat(liveset.hosts().get(1).live()).isFalse();
    }

    @Test
    void rejectionsNameTheElementAndTheProblemOnOneLine() {
        assertThatThrownBy(() -> LivesetReader.read(deleteElement(H1, "statefile_corrupted", 2)))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INTERNAL_BUG))
                .hasMessage("liveset: <host> #2 has no <statefile_corrupted>");
        assertThatThrownBy(() -> LivesetReader.read(setText(H1, "status", 1, "\nOnline\n")))
                .hasMessage("liveset: <status> is '\\nOnline\\n', not Online, Offline or Starting");
        assertThatThrownBy(() -> LivesetReader.read(setText(H1, "time_since_last_heartbeat", 3, "soon")))
                .hasMessage("liveset: <host_raw_data> #3 <time_since_last_heartbeat> is 'soon', not an integer");
    }

    @Test
    void aDoctypeIsIgnored() {
        String xml = "<!DOCTYPE ha_liveset_info SYSTEM \"file:///nonexistent.dtd\">\n" + withoutDeclaration(H1);

        assertThat(LivesetReader.read(xml)).isEqualTo(LivesetFixtures.threeUpOnH1());
    }

    @Test
    void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
        Path online = Files.writeString(dir.resolve("online.txt"), "Online");
        String xml = "<!DOCTYPE ha_liveset_info [<!ENTITY x SYSTEM \"" + online.toUri() + "\">]>\n"
                + withoutDeclaration(H1).replace("<status>Online</status>", "<status>&x;</status>");

        assertThatThrownBy(() -> LivesetReader.read(xml))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INTERNAL_BUG))
                .hasMessageContaining("\"x\" was referenced, but not declared");
    }

    @Test
    void internalEntitiesAreNotExpandedEither() {
        String xml = "<!DOCTYPE ha_liveset_info [<!ENTITY on \"Online\">]>\n"
                + withoutDeclaration(H1).replace("<status>Online</status>", "<status>&on;</status>");

        assertThatThrownBy(() -> LivesetReader.read(xml)).hasMessageContaining("\"on\" was referenced, but not declared");
    }

    @Test
    void aByteOrderMarkIsNotPartOfALiveset() {
        assertThatThrownBy(() -> LivesetReader.read("\uFEFF" + H1)).hasMessageStartingWith("liveset: not well-formed XML");
    }

    private static String withoutDeclaration(String xml) {
        return xml.substring(xml.indexOf("<ha_liveset_info"));
    }
}
