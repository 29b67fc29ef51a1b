package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestReader;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.StackManifest;
import org.xcp.clusterstack.api.spi.StackSettings;

/** The provider: its manifest (the jar's and the Java one agree), its registration, and what open refuses. */
class MelioStackProviderTest {
    static final String RESOURCE = "META-INF/cluster-stack/melio.xml";
    final MelioStackProvider provider = new MelioStackProvider();

    @TempDir
    Path dir;

    static ManifestDocument shippedManifest() throws Exception {
        try (InputStream in = MelioStackProvider.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            assertThat(in).as(RESOURCE).isNotNull();
            return ManifestReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
        }
    }

    @Test
    void theShippedManifestIsValidAndSaysWhatTheProviderSays() throws Exception {
        ManifestDocument shipped = shippedManifest();
        StackManifest own = provider.manifest();

        assertThat(shipped.name()).isEqualTo(own.name());
        assertThat(shipped.description()).isEqualTo(own.description());
        assertThat(shipped.fencing()).isEqualTo(own.fencing()).isEqualTo("melio");
        assertThat(shipped.supportedSrs()).isEqualTo(own.supportedSrs());
        assertThat(shipped.version()).as("filtered by the build").matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(shipped.optionalScripts()).containsExactly(HaScript.CLEAR_EXCLUDED);
    }

    @Test
    void theProviderIsFoundAsAManagedStack() {
        List<ClusterStackProvider> found = ServiceLoader.load(ClusterStackProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.manifest().name().equals("melio")).toList();

        assertThat(found).singleElement().isInstanceOf(MelioStackProvider.class)
                .isInstanceOf(ManagedStackProvider.class);
    }

    @Test
    void m5_onlyAMelioSrMayHoldTheStatefile() throws Exception {
        assertThat(provider.manifest().supportedSrs()).isEqualTo(Optional.of(List.of("melio")));
        assertThat(shippedManifest().supportedSrs()).isEqualTo(Optional.of(List.of("melio")));
    }

    @Test
    void m6_theStackIsNamedAsAMelioSrDriverRequiresIt() throws Exception {
        assertThat(provider.manifest().name()).isEqualTo("melio");
        assertThat(shippedManifest().name()).isEqualTo("melio");
    }

    @Test
    void anUnknownSettingIsExit7NamingTheFileAndLine() throws Exception {
        Path conf = dir.resolve("melio.conf");
        Files.writeString(conf, "# Melio\nmelio.fence_window_ms = 20000\nmelio.quorum = majority\n");

        HaException e = catchThrowableOfType(HaException.class, () -> provider.open(context(StackSettingsFile.read(conf))));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
        assertThat(e.getMessage()).startsWith(conf + ":3: melio.quorum: unknown setting");
    }

    @Test
    void aMissingServiceCommandIsExit16InOneSentence() {
        Path missing = dir.resolve("melio-cluster");

        HaException e = catchThrowableOfType(HaException.class, () -> provider.open(context(settings(missing))));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).isEqualTo("Melio's cluster service command " + missing + " does not exist (setting"
                + " melio.command in " + MelioFixtures.SETTINGS_FILE + ")");
    }

    @Test
    void aServiceCommandThatIsNotExecutableIsExit16() throws Exception {
        Path plain = Files.createFile(dir.resolve("melio-cluster"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        HaException e = catchThrowableOfType(HaException.class, () -> provider.open(context(settings(plain))));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).isEqualTo("Melio's cluster service command " + plain + " is not an executable file"
                + " (setting melio.command in " + MelioFixtures.SETTINGS_FILE + ")");
    }

    @Test
    void aDirectoryIsNotAServiceCommand() {
        HaException e = catchThrowableOfType(HaException.class, () -> provider.open(context(settings(dir))));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT);
        assertThat(e.getMessage()).contains("is not an executable file");
    }

    private static StackSettings settings(Path command) {
        return StackSettings.of(MelioFixtures.SETTINGS_FILE, java.util.Map.of(MelioSettings.COMMAND, command.toString(),
                MelioSettings.FENCE_WINDOW, "20000"));
    }

    private static org.xcp.clusterstack.api.spi.StackContext context(StackSettings settings) {
        return MelioFixtures.context(settings, new MelioFixtures.Log(), new MelioFixtures.WatchdogNotForMelio());
    }
}
