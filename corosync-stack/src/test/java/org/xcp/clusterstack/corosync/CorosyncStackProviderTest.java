package org.xcp.clusterstack.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.common.settings.StackSettingsFile;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestReader;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.api.spi.ForbiddenFencer;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackManifest;
import org.xcp.clusterstack.api.spi.StackSettings;

/** The corosync stack as the daemon host and the installer find it. */
class CorosyncStackProviderTest {
    private static final String MANIFEST = "META-INF/cluster-stack/corosync.xml";
    private static final HaUuid HOST = HaUuid.parse("00001001-0000-4000-8000-000000000001");

    @TempDir
    Path tmp;

    @Test
    void theStackIsFoundByNameAsAManagedStack() {
        List<ClusterStackProvider> corosync = ServiceLoader.load(ClusterStackProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.manifest().name().equals("corosync")).toList();

        assertThat(corosync).singleElement().isInstanceOf(CorosyncStackProvider.class)
                .isInstanceOf(ManagedStackProvider.class);
    }

    @Test
    void itsShippedManifestIsSchemaValidAndSaysWhatTheProviderSays() throws IOException {
        StackManifest provider = new CorosyncStackProvider().manifest();
        ManifestDocument shipped = ManifestReader.parse(resource(MANIFEST), MANIFEST);

        assertThat(provider).isEqualTo(new StackManifest("corosync", provider.description(), "corosync+watchdog",
                Optional.of(List.of("gfs2"))));
        assertThat(shipped.name()).isEqualTo(provider.name());
        assertThat(shipped.description()).isEqualTo(provider.description());
        assertThat(shipped.fencing()).isEqualTo(provider.fencing());
        assertThat(shipped.supportedSrs()).isEqualTo(provider.supportedSrs());
        assertThat(shipped.version()).doesNotContain("${").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(shipped.optionalScripts()).containsExactly(HaScript.CLEAR_EXCLUDED);
        assertThat(shipped.timeouts().haTimeout()).isEqualTo(60);
    }

    @Test
    void theSourceItOpensIsFencedByTheWatchdogItsManifestNames() throws IOException {
        Path tools = notRunningCorosync();

        try (MembershipSource source = new CorosyncStackProvider().open(context(settings(
                "corosync.tools_dir = " + tools + "\n")))) {
            assertThat(source.fencing().name()).isEqualTo(new CorosyncStackProvider().manifest().fencing());
            assertThat(source.fencing().holder()).isEqualTo(FencingAuthority.Holder.STACK_WATCHDOG);
            assertThat(source.view().reachable()).isFalse();
        }
    }

    @Test
    void anUnknownSettingIsExit7NamingTheFileAndLine() throws IOException {
        Path file = settings("# corosync stack\ncorosync.poll_ms = 500\ncorosync.tool_dir = /usr/sbin\n");

        assertThatThrownBy(() -> new CorosyncStackProvider().open(context(file)))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_CONFIG_FILE))
                .hasMessage(file + ":3: corosync.tool_dir: unknown setting (known: corosync.command_timeout_ms,"
                        + " corosync.poll_ms, corosync.tools_dir)");
    }

    /** Tools that answer as when no corosync runs (exit 1, measured stderr). */
    private Path notRunningCorosync() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("tools"));
        for (String tool : List.of("corosync-quorumtool", "corosync-cmapctl")) {
            Path script = dir.resolve(tool);
            Files.writeString(script, "#!/bin/sh\necho 'Cannot initialize CMAP service' >&2\nexit 1\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private Path settings(String text) throws IOException {
        Path file = tmp.resolve("cluster-stack").resolve("corosync.conf");
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static StackContext context(Path settingsFile) {
        DaemonConfig config = DaemonConfig.builder().generation(HaUuid.parse("9".repeat(32))).host(HOST, "10.99.0.1")
                .heartbeatInterface("xenbr0").stateFile(Path.of("/dev/null")).build(HOST);
        return new StackContext(config, ForbiddenFencer.INSTANCE, m -> { }, () -> { }, FaultPoints.none(),
                StackSettingsFile.read(settingsFile));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CorosyncStackProvider.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
