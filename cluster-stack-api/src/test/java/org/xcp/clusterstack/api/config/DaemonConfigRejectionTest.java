package org.xcp.clusterstack.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.xcp.clusterstack.api.config.ConfigFixtures.XAPI_WRITTEN;
import static org.xcp.clusterstack.api.config.ConfigFixtures.text;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * Every malformed config is exit 7 with one line naming the file, the line and the element (spec §3.4).
 * Each case edits the config xapi wrote; the expected message is the whole line after "xhad.conf".
 */
class DaemonConfigRejectionTest {
    private static final String LOCAL = "6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01";

    static Stream<Arguments> malformedConfigs() {
        return Stream.of(
                edit("version 2.0", "<xhad-config version=\"1.0\"", "<xhad-config version=\"2.0\"",
                        ":2: <xhad-config> version is \"2.0\", only \"1.0\" is supported"),
                edit("no version", "<xhad-config version=\"1.0\"", "<xhad-config",
                        ":2: <xhad-config> has no version attribute (must be \"1.0\")"),
                edit("another root", "xhad-config", "xha-config",
                        ":2: the root element is <xha-config>, not <xhad-config>"),
                edit("no UDPport", "<UDPport>694</UDPport>", "", ": <common-config> has no <UDPport>"),
                edit("UDPport 0", ">694<", ">0<", ":5: <UDPport> 0 is outside 1..65535"),
                edit("UDPport empty", ">694<", "><", ":5: <UDPport> \"\" is not a decimal integer"),
                edit("UDPport not numeric", ">694<", ">ha<", ":5: <UDPport> \"ha\" is not a decimal integer"),
                edit("UDPport trailing characters", ">694<", ">694 <",
                        ":5: <UDPport> \"694 \" is not a decimal integer"),
                edit("UDPport too large", ">694<", ">65536<", ":5: <UDPport> 65536 is outside 1..65535"),
                edit("no GenerationUUID", "<GenerationUUID>5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60</GenerationUUID>",
                        "", ": <common-config> has no <GenerationUUID>"),
                edit("GenerationUUID empty", "5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60", "",
                        ":4: <GenerationUUID> \"\" has 0 characters without dashes, a UUID has 32"),
                edit("GenerationUUID short", "5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60", "5f1c2e3a-7b84",
                        ":4: <GenerationUUID> \"5f1c2e3a-7b84\" has 12 characters without dashes, a UUID has 32"),
                edit("GenerationUUID not hex", "5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60",
                        "zf1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60",
                        ":4: <GenerationUUID> \"zf1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60\" is not made of hex digits"),
                edit("no host", "(?s)<host>.*</host>", "", ":24: <localhost> <HostID> 6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01 is not one of the 0 <host> entries listed before it in <common-config>"),
                edit("host without IPaddress", "<IPaddress>127.0.0.12</IPaddress>", "",
                        ":10: <host> 0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02 has no <IPaddress>"),
                edit("host without HostID", "<HostID>0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02</HostID>", "",
                        ":10: <host> has no <HostID>"),
                edit("host UUID too long", "0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02",
                        "0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02ff",
                        ":11: <HostID> \"0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02ff\" has 34 characters without dashes,"
                                + " a UUID has 32"),
                edit("duplicate host", "0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02", LOCAL,
                        ":10: <host> " + LOCAL + " is listed twice (first at line 6)"),
                edit("host name instead of address", "127.0.0.12", "localhost",
                        ":12: <IPaddress> \"localhost\" is not a numeric IPv4 or IPv6 address"),
                edit("short IPv4 form", "127.0.0.12", "127.12",
                        ":12: <IPaddress> \"127.12\" is not a numeric IPv4 or IPv6 address"),
                edit("leading zero in IPv4", "127.0.0.12", "127.0.0.012",
                        ":12: <IPaddress> \"127.0.0.012\" is not a numeric IPv4 or IPv6 address"),
                edit("bracketed IPv6", "127.0.0.12", "[::1]",
                        ":12: <IPaddress> \"[::1]\" is not a numeric IPv4 or IPv6 address"),
                edit("IPv6 with a zone", "127.0.0.12", "fe80::1%eth0",
                        ":12: <IPaddress> \"fe80::1%eth0\" is not a numeric IPv4 or IPv6 address"),
                edit("address with blanks", "127.0.0.12", " 127.0.0.12",
                        ":12: <IPaddress> \" 127.0.0.12\" is not a numeric IPv4 or IPv6 address"),
                edit("local host not configured", "<HostID>" + LOCAL + "</HostID>\n      <HeartbeatInterface>",
                        "<HostID>aaaaaaaa-1d8e-4a51-9f0e-2c6a1b7d3e01</HostID>\n      <HeartbeatInterface>",
                        ":35: <localhost> <HostID> aaaaaaaa-1d8e-4a51-9f0e-2c6a1b7d3e01 is not one of the 3 <host>"
                                + " entries listed before it in <common-config>"),
                edit("local-config before common-config", "(?s)(<common-config>.*</common-config>)\\s*"
                                + "(<local-config>.*</local-config>)", "$2$1",
                        ":5: <localhost> <HostID> " + LOCAL + " is not one of the 0 <host> entries listed before"
                                + " it in <common-config>"),
                edit("no local-config", "(?s)<local-config>.*</local-config>", "",
                        ": <xhad-config> has no <local-config>"),
                edit("no localhost", "(?s)<localhost>.*</localhost>", "", ": <local-config> has no <localhost>"),
                edit("no local HostID", "<HostID>" + LOCAL + "</HostID>\n      <Heartbeat", "<Heartbeat",
                        ": <localhost> has no <HostID>"),
                edit("no HeartbeatInterface", "<HeartbeatInterface>xenbr0</HeartbeatInterface>", "",
                        ": <localhost> has no <HeartbeatInterface>"),
                edit("empty HeartbeatInterface", ">xenbr0<", "><", ":36: <HeartbeatInterface> is empty"),
                edit("no StateFile", "<StateFile>/etc/xensource/static-vdis/0/disk</StateFile>", "",
                        ": <localhost> has no <StateFile>"),
                edit("unknown WatchdogMode", "<StateFile>", "<WatchdogMode>SOFT</WatchdogMode><StateFile>",
                        ":38: <WatchdogMode> is \"SOFT\", expected HYPERVISOR, USER or NONE"),
                edit("parameter empty", "<HeartbeatInterval>2<", "<HeartbeatInterval><",
                        ":19: <HeartbeatInterval> \"\" is not a decimal integer"),
                edit("parameter with a unit", "<HeartbeatInterval>2<", "<HeartbeatInterval>2s<",
                        ":19: <HeartbeatInterval> \"2s\" is not a decimal integer"),
                edit("parameter zero", "<HeartbeatTimeout>10<", "<HeartbeatTimeout>0<",
                        ":20: <HeartbeatTimeout> 0 is outside 1..2147483"),
                edit("parameter negative", "<HeartbeatTimeout>10<", "<HeartbeatTimeout>-10<",
                        ":20: <HeartbeatTimeout> -10 is outside 1..2147483"),
                edit("parameter huge", "<HeartbeatTimeout>10<", "<HeartbeatTimeout>99999999999999999999<",
                        ":20: <HeartbeatTimeout> 99999999999999999999 is outside 1..2147483"),
                edit("element inside a value", ">694<", ">6<b/>94<", ":5: <UDPport> must hold only text, found <b>"),
                edit("not well-formed", "</common-config>", "</common>",
                        ":32: is not well-formed XML: The element type \"common-config\" must be terminated by the"
                                + " matching end-tag \"</common-config>\"."),
                edit("truncated", "(?s)</local-config>.*", "", ":40: is not well-formed XML: XML document structures"
                        + " must start and end within the same entity."),
                edit("entity declared in a DTD", "<xhad-config ", "<!DOCTYPE x [<!ENTITY e SYSTEM"
                        + " \"file:///etc/passwd\">]><xhad-config ", ":5: is not well-formed XML: The entity \"e\""
                        + " was referenced, but not declared."),
                edit("text after the root", "(?s)$", "junk",
                        ":41: is not well-formed XML: Content is not allowed in trailing section."));
    }

    private static Arguments edit(String name, String regex, String replacement, String expected) {
        String doc = text(XAPI_WRITTEN).replaceFirst(regex, replacement);
        if (name.equals("entity declared in a DTD")) {
            doc = doc.replace(">694<", ">&e;<");
        }
        return Arguments.of(name, doc, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedConfigs")
    void isExit7WithOneLineNamingWhereAndWhat(String name, String document, String expected) {
        HaException e = catchThrowableOfType(HaException.class, () -> ConfigFixtures.parse(document));

        assertThat(e).as(name).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
        assertThat(e.getMessage()).isEqualTo("xhad.conf" + expected).doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBytes")
    void badEncodingsAreExit7(String name, byte[] document) {
        HaException e = catchThrowableOfType(HaException.class,
                () -> DaemonConfigReader.parse(document, "xhad.conf"));

        assertThat(e).as(name).isNotNull();
        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
        assertThat(e.getMessage()).startsWith("xhad.conf").doesNotContain("\n");
    }

    static Stream<Arguments> badBytes() {
        byte[] utf8 = text(XAPI_WRITTEN).getBytes(StandardCharsets.UTF_8);
        byte[] invalidUtf8 = utf8.clone();
        invalidUtf8[utf8.length / 2] = (byte) 0xC3;
        invalidUtf8[utf8.length / 2 + 1] = (byte) 0x28;
        byte[] declaredUtf16 = text(XAPI_WRITTEN).replace("utf-8", "UTF-16").getBytes(StandardCharsets.UTF_8);
        byte[] nul = utf8.clone();
        nul[200] = 0;
        return Stream.of(
                Arguments.of("empty file", new byte[0]),
                Arguments.of("invalid UTF-8 sequence", invalidUtf8),
                Arguments.of("declared UTF-16, written UTF-8", declaredUtf16),
                Arguments.of("NUL byte", nul),
                Arguments.of("65 hosts", DaemonConfigReaderTest.withHosts(65).getBytes(StandardCharsets.UTF_8)));
    }
}
