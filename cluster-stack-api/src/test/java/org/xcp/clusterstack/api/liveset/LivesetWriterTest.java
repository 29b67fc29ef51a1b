package org.xcp.clusterstack.api.liveset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LivesetWriterTest {

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
    void printsTheSameBytesAsXhad(String file, Supplier<Liveset> state) {
        byte[] expected = LivesetFixtures.text(file).getBytes(StandardCharsets.UTF_8);

        byte[] written = LivesetWriter.write(state.get()).getBytes(StandardCharsets.UTF_8);

        // Compare as text first for a readable diff, then as bytes, which is the contract.
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void offlinePrintsOnlyStatusAndLocalhostLikeStarting() {
        Liveset offline = new Liveset(LivesetStatus.OFFLINE, LivesetFixtures.H2, 1, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty());

        assertThat(LivesetWriter.write(offline)).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <ha_liveset_info version="1.0">
                  <status>Offline</status>
                  <localhost>
                    <HostID>91419cea-2994-4e24-a74e-7ef331ca6358</HostID>
                    <HostIndex>1</HostIndex>
                  </localhost>
                </ha_liveset_info>
                """);
    }

    @Test
    void startingLeavesOutHostsEvenWhenTheValueHasThem() {
        Liveset online = LivesetFixtures.threeUpOnH3();
        Liveset starting = new Liveset(LivesetStatus.STARTING, online.localHost(), online.localHostIndex(),
                online.hosts(), online.rawStatus(), online.timeouts(), online.warnings());

        assertThat(LivesetWriter.write(starting)).isEqualTo(LivesetFixtures.text("liveset-starting.xml"));
    }

    @Test
    void onlinePrintsOnlyTheSectionsThatArePresent() {
        Liveset full = LivesetFixtures.threeUpOnH1();
        Liveset hostsOnly = new Liveset(LivesetStatus.ONLINE, full.localHost(), full.localHostIndex(),
                full.hosts(), Optional.empty(), Optional.empty(), Optional.empty());

        String xml = LivesetWriter.write(hostsOnly);

        assertThat(xml).contains("<host>").doesNotContain("raw_status_on_local_host", "<timeout>",
                "warning_on_local_host");
        assertThat(xml).endsWith("  </host>\n</ha_liveset_info>\n");
    }

    @Test
    void xapiErrorStringIsEscapedAndKeepsPrintableCharactersOnly() {
        HostRawData raw = new HostRawData(LivesetFixtures.H1, 0, 1, 2, 3000,
                "xapi <dead> & \"gone\"\n\t\u0007caf\u00e9\r", List.of(), List.of(), List.of(), List.of());
        Liveset liveset = new Liveset(LivesetStatus.ONLINE, LivesetFixtures.H1, 0, List.of(),
                Optional.of(new RawStatus(Latency.NONE, Latency.NONE, Latency.NONE, List.of(raw))),
                Optional.empty(), Optional.empty());

        assertThat(LivesetWriter.write(liveset))
                .contains("      <xapi_error_string>xapi &lt;dead&gt; &amp; \"gone\"caf</xapi_error_string>\n");
    }

    @Test
    void anEmptyListIsAnOpenAndACloseLineAtTheSameIndentation() {
        String xml = LivesetWriter.write(LivesetFixtures.specExampleHostCDead());

        assertThat(xml).contains("""
                      <heartbeat_active_list_on_heartbeat>
                      </heartbeat_active_list_on_heartbeat>
                """);
    }
}
