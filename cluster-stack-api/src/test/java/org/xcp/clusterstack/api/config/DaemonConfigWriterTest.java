package org.xcp.clusterstack.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xcp.clusterstack.api.HaUuid;

/** Golden: the writer's layout is xapi's, byte for byte, except that hosts come in index order. */
class DaemonConfigWriterTest {
    private static final Pattern HOST = Pattern.compile("    <host>\n      <HostID>([^<]*)</HostID>\n.*?    </host>\n",
            Pattern.DOTALL);

    @ParameterizedTest
    @ValueSource(strings = {ConfigFixtures.XAPI_WRITTEN, "xhad-conf-spec-3.6.xml"})
    void rewritesWhatXapiWroteByteForByteWithHostsInIndexOrder(String fixture) {
        String written = ConfigFixtures.text(fixture);

        String rewritten = DaemonConfigWriter.render(ConfigFixtures.parse(written));

        assertThat(rewritten).isEqualTo(inIndexOrder(written));
        assertThat(ConfigFixtures.parse(rewritten)).isEqualTo(ConfigFixtures.parse(written));
    }

    @Test
    void theBuilderAndTheWriterGiveXapisFileFromXapisValues() {
        // the fixture's pool: T = 10, xapi.conf's health-check values, local host 6b3f...
        DaemonConfig built = DaemonConfig.builder()
                .generation(HaUuid.parse("5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60"))
                .host(HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01"), "127.0.0.11")
                .host(HaUuid.parse("0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02"), "127.0.0.12")
                .host(HaUuid.parse("c9a81f40-3b6e-47d2-8e15-4f0b9d6a2c03"), "127.0.0.13")
                .haTimeout(10)
                .parameter(Parameter.XAPI_HEALTH_CHECK_INTERVAL, 60)
                .parameter(Parameter.XAPI_HEALTH_CHECK_TIMEOUT, 120)
                .parameter(Parameter.XAPI_RESTART_ATTEMPTS, 1)
                .parameter(Parameter.XAPI_RESTART_TIMEOUT, 300)
                .heartbeatInterface("xenbr0")
                .heartbeatPhysicalInterface("eth0")
                .stateFile(Path.of("/etc/xensource/static-vdis/0/disk"))
                .build(HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01"));

        assertThat(built.localHost().index()).isEqualTo(1);
        assertThat(DaemonConfigWriter.render(built)).isEqualTo(inIndexOrder(ConfigFixtures.text(ConfigFixtures.XAPI_WRITTEN)));
    }

    @Test
    void whatXapiNeverWritesAppearsOnlyWhenTheDefaultWouldLoseIt() {
        DaemonConfig config = ConfigFixtures.parse(ConfigFixtures.text(ConfigFixtures.XAPI_WRITTEN));
        assertThat(DaemonConfigWriter.render(config)).doesNotContain("WatchdogMode", "XapiLicenseCheckTimeout");

        DaemonConfig user = pool().parameter(Parameter.XAPI_LICENSE_CHECK_TIMEOUT, 31).watchdogMode(WatchdogMode.USER)
                .heartbeatPhysicalInterface("bond0").build(ID);
        String text = DaemonConfigWriter.render(user);

        assertThat(text).contains("      <XapiRestartTimeout>30</XapiRestartTimeout>\n"
                + "      <XapiLicenseCheckTimeout>31</XapiLicenseCheckTimeout>\n    </parameters>\n");
        assertThat(text).contains("      <StateFile>/dev/sdb</StateFile>\n      <WatchdogMode>USER</WatchdogMode>\n"
                + "    </localhost>\n");
        assertThat(ConfigFixtures.parse(text)).isEqualTo(user);
    }

    @Test
    void markupInValuesIsEscaped() {
        DaemonConfig odd = pool().heartbeatInterface("a&b<c>\r").stateFile(Path.of("/tmp/x]]>y")).build(ID);
        String text = DaemonConfigWriter.render(odd);

        assertThat(text).contains("<HeartbeatInterface>a&amp;b&lt;c&gt;&#13;</HeartbeatInterface>",
                "<StateFile>/tmp/x]]&gt;y</StateFile>");
        assertThat(ConfigFixtures.parse(text)).isEqualTo(odd);
    }

    @Test
    void refusesWhatTheReaderWouldNotGiveBack() {
        assertThatThrownBy(() -> DaemonConfigWriter.render(pool().heartbeatInterface("x".repeat(64)).build(ID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HeartbeatInterface has 64");
        assertThatThrownBy(() -> DaemonConfigWriter.render(pool().heartbeatInterface("").build(ID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HeartbeatInterface is empty");
        assertThatThrownBy(() -> DaemonConfigWriter.render(pool().heartbeatInterface("lo\u0001").build(ID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0001");
        assertThatThrownBy(() -> DaemonConfigWriter.render(pool().stateFile(Path.of("")).build(ID)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StateFile is empty");
    }

    @Test
    void theBuilderIndexesHostsBySortedUuidWhateverTheOrderTheyCameIn() {
        HaUuid high = HaUuid.parse("ffffffff-0000-4000-8000-000000000000");
        List<DaemonConfig> pool = pool().host(high, "::1").buildForEachHost();

        assertThat(pool).extracting(c -> c.localHost().index()).containsExactly(0, 1);
        assertThat(pool.get(1).local().hostId()).isEqualTo(high);
        assertThat(DaemonConfigWriter.render(pool.get(1))).contains("<IPaddress>0:0:0:0:0:0:0:1</IPaddress>");
        assertThatThrownBy(() -> pool().host(ID, "127.0.0.2")).hasMessageContaining("added twice");
        assertThatThrownBy(() -> pool().host(high, "localhost")).hasMessageContaining("not a numeric");
    }

    private static final HaUuid ID = HaUuid.parse("0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02");

    private static DaemonConfigBuilder pool() {
        return DaemonConfig.builder().generation(HaUuid.parse("5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60"))
                .host(ID, "127.0.0.1").heartbeatInterface("xenbr0").stateFile(Path.of("/dev/sdb"));
    }

    /** The document with its {@code <host>} blocks sorted by HostID, where the first one stood. */
    static String inIndexOrder(String document) {
        Matcher m = HOST.matcher(document);
        List<String[]> blocks = new ArrayList<>();
        int first = -1;
        int last = -1;
        while (m.find()) {
            assertThat(first < 0 || m.start() == last).as("the <host> blocks are contiguous").isTrue();
            first = first < 0 ? m.start() : first;
            last = m.end();
            blocks.add(new String[] {HaUuid.parse(m.group(1)).compact(), m.group()});
        }
        assertThat(blocks).isNotEmpty();
        blocks.sort(Comparator.comparing(b -> b[0]));
        StringBuilder hosts = new StringBuilder();
        blocks.forEach(b -> hosts.append(b[1]));
        return document.substring(0, first) + hosts + document.substring(last);
    }
}
