package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster-stack config check} as a real process: xhad's verdicts, one line on failure. */
class ConfigCheckIT {
    @TempDir
    Path dir;

    @Test
    void theConfigXapiWritesIsValidAndSummarised() {
        Path config = Fixtures.copy("xhad-conf-written-by-xapi.xml", dir);

        Cli.Result r = Cli.run("config", "check", config).succeeded();

        assertThat(r.stdout()).isEqualTo(config + ": valid xhad.conf\n"
                + "  generation   5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60\n"
                + "  UDP port     694\n"
                + "  hosts        3 (index by sorted UUID)\n"
                + "     0  0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02  127.0.0.12\n"
                + "     1  6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01  127.0.0.11       <- local host\n"
                + "     2  c9a81f40-3b6e-47d2-8e15-4f0b9d6a2c03  127.0.0.13\n"
                + "  heartbeat    xenbr0 (physical eth0)\n"
                + "  statefile    /etc/xensource/static-vdis/0/disk\n"
                + "  watchdog     HYPERVISOR\n"
                + "  timeouts (s)\n"
                + "    t1 2           T1 10          t2 2           T2 10\n"
                + "    Wh 10          Ws 25          Tboot 70       Tenable 70\n"
                + "    tXapi 60       TXapi 120      RestartXapi 1  TRestartXapi 300\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void jsonGivesTheParsedConfig() throws Exception {
        Path config = Fixtures.copy("config-3host-h1.xml", dir);

        JsonNode json = new ObjectMapper().readTree(Cli.run("config", "check", "--json", config).succeeded().stdout());

        assertThat(json.at("/generation_uuid").asText()).isEqualTo("a55e901b-fd4c-4037-abbf-c0dd3960dc4a");
        assertThat(json.at("/hosts/2/host_id").asText()).isEqualTo("a7be0871-1a52-4ad2-b592-686e919ce993");
        assertThat(json.at("/local/host_index").asInt()).isZero();
        assertThat(json.at("/local/watchdog_mode").asText()).isEqualTo("NONE");
        assertThat(json.at("/parameters/StateFileWatchdogTimeout").asInt()).isEqualTo(25);
    }

    @Test
    void theShippedExampleIsValid() {
        Cli.run("config", "check", Cli.REPO.resolve("examples/xhad.conf")).succeeded();
    }

    @Test
    void aMissingConfigIsExit6() {
        Cli.run("config", "check", dir.resolve("xhad.conf")).failedWithOneLine(6);
    }

    @Test
    void aMalformedConfigIsExit7WithFileLineAndElement() {
        Path config = Fixtures.write(dir.resolve("xhad.conf"),
                Fixtures.text("xhad-conf-written-by-xapi.xml").replace("<UDPport>694<", "<UDPport>0x2b6<"));

        Cli.Result r = Cli.run("config", "check", config).failedWithOneLine(7);

        assertThat(r.stderr()).isEqualTo("cluster-stack: " + config
                + ":5: <UDPport> \"0x2b6\" is not a decimal integer\n");
    }

    @Test
    void aBadlyEncodedConfigIsExit7OnOneLine() {
        byte[] bytes = Fixtures.bytes("xhad-conf-written-by-xapi.xml");
        bytes[100] = (byte) 0xC3; // a UTF-8 lead byte followed by ASCII: invalid
        Path config = Fixtures.write(dir.resolve("xhad.conf"), bytes);

        Cli.Result r = Cli.run("config", "check", config).failedWithOneLine(7);

        assertThat(r.stderr()).isEqualTo("cluster-stack: " + config + ":4: is not valid UTF-8 (byte 100)\n");
    }

    @Test
    void versionTwoIsRefusedAsXhadRefusesIt() {
        Path config = Fixtures.write(dir.resolve("xhad.conf"),
                Fixtures.text("config-3host-h1.xml").replace("<xhad-config version=\"1.0\"", "<xhad-config version=\"2.0\""));

        Cli.run("config", "check", config).failedWithOneLine(7);
    }

    @Test
    void theStackTraceAppearsOnlyWithVerbose() {
        Path config = Fixtures.write(dir.resolve("xhad.conf"), "<xhad-config version=\"1.0\">");

        Cli.run("config", "check", config).failedWithOneLine(7);
        Cli.Result verbose = Cli.run("config", "check", "--verbose", config);

        assertThat(verbose.status()).isEqualTo(7);
        assertThat(verbose.stderr()).contains("HaException", "\tat ");
    }
}
