package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cluster-stack statefile dump|init} as real processes, on the statefile of a real xhad pool. */
class StatefileIT {
    private static final int SIZE = 266_240;

    @TempDir
    Path dir;

    @Test
    void dumpPrintsWhatXhadsDumpstatefilePrints() {
        Path statefile = Fixtures.copy("statefile-3up.bin", dir);

        Cli.Result r = Cli.run("statefile", "dump", statefile).succeeded();

        assertThat(r.stdout()).isEqualTo(Fixtures.text("statefile-3up-dump.txt"));
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void dumpWithTheConfigOfThatPoolIsValid() {
        Path statefile = Fixtures.copy("statefile-3up.bin", dir);
        Path config = Fixtures.copy("config-3host-h1.xml", dir);

        assertThat(Cli.run("statefile", "dump", statefile, "-C", config).succeeded().stdout())
                .isEqualTo(Fixtures.text("statefile-3up-dump.txt"));
    }

    @Test
    void dumpAgainstAnotherPoolsConfigIsExit10AndMarksTheGeneration() {
        Path statefile = Fixtures.copy("statefile-3up.bin", dir);

        Cli.Result r = Cli.run("statefile", "dump", statefile, "-C", Cli.REPO.resolve("examples/xhad.conf"));

        assertThat(r.status()).isEqualTo(10);
        assertThat(r.stdout()).contains("**global.gen_uuid = a55e901bfd4c4037abbfc0dd3960dc4a\n");
        assertThat(r.stderr()).hasLineCount(1).contains("is not the config's 3c1e5b7a-90d2-4f3e-8a61-2b4c6d8e0f12");
    }

    @Test
    void aCorruptedSectionIsStillDumpedWithItsBadFieldMarkedAndExit9() throws Exception {
        byte[] bytes = Fixtures.bytes("statefile-3up.bin");
        bytes[4096 * 2 + 12] ^= 0x01; // host 1's sequence: its checksum no longer matches
        Path statefile = Fixtures.write(dir.resolve("statefile"), bytes);

        Cli.Result r = Cli.run("statefile", "dump", statefile);

        assertThat(r.status()).isEqualTo(9);
        assertThat(r.stdout()).contains("**host[ 1].checksum = 0x2d385772\n", "  host[ 1].sequence = 12\n",
                "  host[ 0].checksum = 0x8e575568\n", "  host[ 2].sequence = 10\n");
        assertThat(r.stderr()).isEqualTo("cluster-stack: " + statefile
                + ": host section 1 fails validation (checksum)\n");
    }

    @Test
    void aFlippedGlobalEndMarkerIsDumpedMarkedAndExit9() throws Exception {
        byte[] bytes = Fixtures.bytes("statefile-3up.bin");
        bytes[100] ^= 0x01; // "endp" becomes "dndp"; the checksum stops before the marker, so only it is wrong
        Path statefile = Fixtures.write(dir.resolve("statefile"), bytes);

        Cli.Result r = Cli.run("statefile", "dump", statefile);

        assertThat(r.status()).isEqualTo(9);
        assertThat(r.stdout()).contains("  global.config_hosts = 3\n**global.end_marker = 0x70646e64(dndp)\n");
        assertThat(r.stdout().lines().filter(l -> l.startsWith("**"))).hasSize(1);
        assertThat(r.stderr()).isEqualTo("cluster-stack: " + statefile + ": global section fails validation (end marker)\n");
    }

    @Test
    void anAllZeroStatefileIsDumpedAsCorrupted() throws Exception {
        Path statefile = Fixtures.write(dir.resolve("statefile"), new byte[SIZE]);

        Cli.Result r = Cli.run("statefile", "dump", statefile);

        assertThat(r.status()).isEqualTo(9);
        assertThat(r.stdout()).startsWith("**global.sig = 0x0(");
        assertThat(r.stdout()).contains("**global.version = 0\n", "**host[63].sig_inv = 0x0\n");
    }

    @Test
    void aMissingOrShortStatefileIsExit8() {
        Cli.run("statefile", "dump", dir.resolve("absent")).failedWithOneLine(8);
        Cli.run("statefile", "dump", Fixtures.write(dir.resolve("short"), new byte[100])).failedWithOneLine(8);
    }

    @Test
    void initWritesWhatHaSetPoolStateInitWrites() throws Exception {
        Path statefile = Files.createFile(dir.resolve("statefile"));
        Path config = Fixtures.write(dir.resolve("xhad.conf"), Fixtures.text("config-3host-h1.xml")
                .replaceAll("<StateFile>[^<]*</StateFile>", "<StateFile>" + statefile + "</StateFile>"));

        Cli.Result init = Cli.run("statefile", "init", "-C", config).succeeded();

        assertThat(init.stdout()).isEqualTo(statefile + ": initialised (266240 bytes): generation "
                + "a55e901b-fd4c-4037-abbf-c0dd3960dc4a, 3 hosts, pool state INIT, no master\n");
        assertThat(Files.size(statefile)).isEqualTo(SIZE);
        String dump = Cli.run("statefile", "dump", statefile, "-C", config).succeeded().stdout();
        assertThat(dump).startsWith("  global.sig = 0x6c6f6f70(pool)\n"
                + "  global.sig_inv = 0xf2721211\n"
                + "  global.checksum = 0x3f80cb55\n" // spec §5.2's worked example: this generation, INIT, 3 hosts
                + "  global.version = 2\n");
        assertThat(dump).contains("  global.pool_state = 1\n",
                "  global.master = 00000000000000000000000000000000\n", "  global.config_hosts = 3\n",
                "  host[ 2].host_uuid = \n", "  host[ 2].current_liveset = bitmap l->h(000)\n");
    }

    @Test
    void initAndDumpSpeakJson() throws Exception {
        Path statefile = Files.createFile(dir.resolve("statefile"));
        Path config = Fixtures.write(dir.resolve("xhad.conf"), Fixtures.text("xhad-conf-written-by-xapi.xml")
                .replaceAll("<StateFile>[^<]*</StateFile>", "<StateFile>" + statefile + "</StateFile>"));
        ObjectMapper mapper = new ObjectMapper();

        JsonNode init = mapper.readTree(Cli.run("statefile", "init", "-C", config, "--json").succeeded().stdout());
        JsonNode dump = mapper.readTree(Cli.run("statefile", "dump", statefile, "--json").succeeded().stdout());

        assertThat(init.at("/config_hosts").asInt()).isEqualTo(3);
        assertThat(dump.at("/global/pool_state_name").asText()).isEqualTo("INIT");
        assertThat(dump.at("/global/gen_uuid").asText()).isEqualTo("5f1c2e3a7b844d6f9a0b1c2d3e4f5a60");
        assertThat(dump.at("/global/faults").size()).isZero();
        assertThat(dump.at("/hosts").size()).isEqualTo(3);
    }

    @Test
    void initNeedsAConfigAndAnExistingStatefile() {
        Cli.run("statefile", "init").failedWithOneLine(1);
        Path config = Fixtures.write(dir.resolve("xhad.conf"), Fixtures.text("config-3host-h1.xml")
                .replaceAll("<StateFile>[^<]*</StateFile>", "<StateFile>" + dir.resolve("none") + "</StateFile>"));

        Cli.run("statefile", "init", "-C", config).failedWithOneLine(8);
        assertThat(dir.resolve("none")).doesNotExist();
    }
}
