package org.xcp.clusterstack.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.xcp.clusterstack.api.config.ConfigFixtures.XAPI_WRITTEN;
import static org.xcp.clusterstack.api.config.ConfigFixtures.XHAD_HOST1;
import static org.xcp.clusterstack.api.config.ConfigFixtures.parse;
import static org.xcp.clusterstack.api.config.ConfigFixtures.text;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

/** Spec §3 on the configs real xhad and real xapi produced. */
class DaemonConfigReaderTest {

    @Test
    void readsTheConfigXapiWritesExactlyAsWritten() {
        DaemonConfig config = parse(text(XAPI_WRITTEN));

        assertThat(config.generation()).isEqualTo(HaUuid.parse("5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60"));
        assertThat(config.udpPort()).isEqualTo(694);
        // indexes follow the sorted UUIDs, not the order of the file (spec §3.3)
        assertThat(config.hosts()).extracting(h -> h.id().dashed()).containsExactly(
                "0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02",
                "6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01",
                "c9a81f40-3b6e-47d2-8e15-4f0b9d6a2c03");
        assertThat(config.hosts().get(0).address().getHostAddress()).isEqualTo("127.0.0.12");
        assertThat(config.localHost().index()).isEqualTo(1);
        assertThat(config.local().heartbeatInterface()).isEqualTo("xenbr0");
        assertThat(config.local().heartbeatPhysicalInterface()).contains("eth0");
        assertThat(config.local().stateFile()).isEqualTo(Path.of("/etc/xensource/static-vdis/0/disk"));
        assertThat(config.local().watchdogMode()).isEqualTo(WatchdogMode.HYPERVISOR);
        DaemonParameters p = config.parameters();
        assertThat(p.get(Parameter.HEARTBEAT_INTERVAL)).isEqualTo(2);
        assertThat(p.get(Parameter.STATEFILE_WATCHDOG_TIMEOUT)).isEqualTo(25);
        assertThat(p.get(Parameter.XAPI_HEALTH_CHECK_TIMEOUT)).isEqualTo(120);
        assertThat(p.get(Parameter.XAPI_RESTART_TIMEOUT)).isEqualTo(300);
        assertThat(p.get(Parameter.XAPI_LICENSE_CHECK_TIMEOUT)).isEqualTo(30); // not written: default
    }

    @Test
    void readsTheConfigOfARealXhadPool() {
        DaemonConfig config = parse(text(XHAD_HOST1));

        assertThat(config.generation().compact()).isEqualTo("a55e901bfd4c4037abbfc0dd3960dc4a");
        assertThat(config.localHost().index()).isZero();
        assertThat(config.local().heartbeatInterface()).isEqualTo("xhb1");
        assertThat(config.local().heartbeatPhysicalInterface()).isEmpty();
        assertThat(config.local().watchdogMode()).isEqualTo(WatchdogMode.NONE);
        assertThat(config.parameters().get(Parameter.XAPI_HEALTH_CHECK_INTERVAL)).isEqualTo(3600);
    }

    @Test
    void everyOmittedParameterTakesXhadsDefault() {
        DaemonConfig config = parse(text(XAPI_WRITTEN).replaceAll("(?s)<parameters>.*</parameters>", ""));

        assertThat(config.parameters()).isEqualTo(DaemonParameters.defaults());
        assertThat(config.parameters().values()).containsEntry(Parameter.HEARTBEAT_INTERVAL, 4)
                .containsEntry(Parameter.HEARTBEAT_TIMEOUT, 30).containsEntry(Parameter.STATEFILE_INTERVAL, 4)
                .containsEntry(Parameter.STATEFILE_TIMEOUT, 30).containsEntry(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, 30)
                .containsEntry(Parameter.STATEFILE_WATCHDOG_TIMEOUT, 45).containsEntry(Parameter.BOOT_JOIN_TIMEOUT, 90)
                .containsEntry(Parameter.ENABLE_JOIN_TIMEOUT, 90)
                .containsEntry(Parameter.XAPI_HEALTH_CHECK_INTERVAL, 60)
                .containsEntry(Parameter.XAPI_HEALTH_CHECK_TIMEOUT, 10)
                .containsEntry(Parameter.XAPI_RESTART_ATTEMPTS, 1).containsEntry(Parameter.XAPI_RESTART_TIMEOUT, 30);
    }

    @Test
    void uuidsAreNormalisedWithoutDashesAndInLowerCase() {
        String upper = text(XAPI_WRITTEN)
                .replace("0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02", "0D4E2A7758C14B0FA9D37E5F6C2B1A02")
                .replace("5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60", "5f1c2e3a7b844d6f-9a0b-1c2d3e4f5a60");

        DaemonConfig config = parse(upper);

        assertThat(config.hosts().get(0).id().compact()).isEqualTo("0d4e2a7758c14b0fa9d37e5f6c2b1a02");
        assertThat(config.generation().compact()).isEqualTo("5f1c2e3a7b844d6f9a0b1c2d3e4f5a60");
    }

    @Test
    void unknownElementsAreIgnoredAndALaterSingleValueWins() {
        String doc = text(XAPI_WRITTEN)
                .replace("<UDPport>694</UDPport>", "<UDPport>694</UDPport><Future a=\"1\"><x/></Future><UDPport>695</UDPport>")
                .replace("<XapiRestartTimeout>300</XapiRestartTimeout>",
                        "<XapiRestartTimeout>300</XapiRestartTimeout><XapiRestartRetry>9</XapiRestartRetry>")
                .replace("<StateFile>", "<Unknown/><StateFile>");

        DaemonConfig config = parse(doc);

        assertThat(config.udpPort()).isEqualTo(695);
    }

    @Test
    void overLongInterfaceNamesAreCutTo63Characters() {
        String longName = "x".repeat(80);
        DaemonConfig config = parse(text(XAPI_WRITTEN).replace(">xenbr0<", ">" + longName + "<"));

        assertThat(config.local().heartbeatInterface()).hasSize(63);
    }

    @Test
    void ipv6LiteralsAreAccepted() throws Exception {
        DaemonConfig config = parse(text(XAPI_WRITTEN).replace("127.0.0.12", "fd00::12")
                .replace("127.0.0.13", "::ffff:10.0.0.13"));

        assertThat(config.hosts().get(0).address()).isEqualTo(InetAddress.getByName("fd00::12"));
    }

    @Test
    void signedAndBlankPrefixedNumbersAreReadLikeStrtol() {
        DaemonConfig config = parse(text(XAPI_WRITTEN).replace("<UDPport>694<", "<UDPport> +694<"));

        assertThat(config.udpPort()).isEqualTo(694);
    }

    @Test
    void sixtyFourHostsAreAllowed() {
        DaemonConfig config = parse(withHosts(64));

        assertThat(config.hostCount()).isEqualTo(64);
        assertThat(config.hosts().get(63).index()).isEqualTo(63);
    }

    @Test
    void aMissingFileIsExit6() {
        assertThatThrownBy(() -> DaemonConfigReader.read(Path.of("/nonexistent/xhad.conf")))
                .isInstanceOf(HaException.class)
                .hasMessage("/nonexistent/xhad.conf: no such file")
                .extracting(e -> ((HaException) e).exitCode()).isEqualTo(ExitCode.CAN_NOT_READ_CONFIG_FILE);
    }

    @Test
    void aDirectoryIsExit7(@TempDir Path dir) {
        assertThatThrownBy(() -> DaemonConfigReader.read(dir))
                .isInstanceOf(HaException.class)
                .hasMessage(dir + ": is a directory, not a regular file")
                .extracting(e -> ((HaException) e).exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
    }

    @Test
    void aFifoAndDevZeroAreExit7BeforeTheyAreOpened(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("xhad.conf");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> DaemonConfigReader.read(fifo))
                .isInstanceOf(HaException.class)
                .hasMessage(fifo + ": is a FIFO, not a regular file")
                .extracting(e -> ((HaException) e).exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE));
        assertThatThrownBy(() -> DaemonConfigReader.read(Path.of("/dev/zero")))
                .isInstanceOf(HaException.class)
                .hasMessage("/dev/zero: is a character device, not a regular file")
                .extracting(e -> ((HaException) e).exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
    }

    @Test
    void aFileOverOneMebibyteIsExit7(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("xhad.conf");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(3L << 30);
        }
        assertThatThrownBy(() -> DaemonConfigReader.read(big))
                .isInstanceOf(HaException.class)
                .hasMessage(big + ": 3 GiB is larger than the 1 MiB an xhad.conf can be")
                .extracting(e -> ((HaException) e).exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
    }

    @Test
    void aFileIsReadFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xhad.conf");
        Files.write(file, ConfigFixtures.bytes(XAPI_WRITTEN));

        assertThat(DaemonConfigReader.read(file).udpPort()).isEqualTo(694);
    }

    @Test
    void theLocalHostIdMustNameAConfiguredHost() {
        assertThat(parse(text(XAPI_WRITTEN)).local().hostId())
                .isEqualTo(HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01"));
        assertThat(parse(text(XAPI_WRITTEN)).host(HaUuid.parse("6b3f9b2c1d8e4a519f0e2c6a1b7d3e01")))
                .map(ConfiguredHost::index).isEqualTo(Optional.of(1));
    }

    @Test
    void parametersMapIsComplete() {
        assertThat(DaemonParameters.defaults().values()).hasSize(Parameter.values().length);
        assertThat(new DaemonParameters(Map.of(Parameter.XAPI_RESTART_ATTEMPTS, 0))
                .get(Parameter.XAPI_RESTART_ATTEMPTS)).isZero();
    }

    /** The xapi fixture with {@code n} hosts, the local host being one of them. */
    static String withHosts(int n) {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < n; i++) {
            hosts.append(String.format("<host><HostID>%08x-0000-4000-8000-%012x</HostID><IPaddress>127.0.1.%d"
                    + "</IPaddress></host>%n", i, i, i % 250 + 1));
        }
        return text(XAPI_WRITTEN)
                .replaceAll("(?s)<host>.*</host>", hosts.toString())
                .replace("<HostID>6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01</HostID>",
                        "<HostID>00000000-0000-4000-8000-000000000000</HostID>");
    }
}
