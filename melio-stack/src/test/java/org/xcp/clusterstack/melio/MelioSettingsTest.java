package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xcp.clusterstack.common.settings.StackSettingsFile;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.StackSettings;

/** {@code cluster-stack/melio.conf} (CONTRACT.md §3): every problem is exit 7 naming the file, line and key. */
class MelioSettingsTest {
    @TempDir
    Path dir;

    private StackSettings file(String... lines) throws Exception {
        Path conf = dir.resolve("melio.conf");
        Files.writeString(conf, String.join("\n", lines) + "\n");
        return StackSettingsFile.read(conf);
    }

    @Test
    void onlyTheFenceWindowMustBeGiven_theRestHasDefaults() throws Exception {
        MelioSettings s = MelioSettings.from(file("# W_f from the vendor's documentation",
                "melio.fence_window_ms = 30000"));

        assertThat(s).isEqualTo(new MelioSettings(Path.of("/opt/melio/bin/melio-cluster"), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(1)));
    }

    @Test
    void everySettingIsRead() throws Exception {
        MelioSettings s = MelioSettings.from(file("melio.command = /usr/lib/melio/status-tool",
                "melio.command_timeout_ms = 1500", "melio.fence_window_ms = 45000", "melio.poll_ms = 500"));

        assertThat(s).isEqualTo(new MelioSettings(Path.of("/usr/lib/melio/status-tool"), Duration.ofMillis(1500),
                Duration.ofSeconds(45), Duration.ofMillis(500)));
    }

    @Test
    void withoutAFenceWindowTheStackDoesNotStart() throws Exception {
        HaException e = catchThrowableOfType(HaException.class, () -> MelioSettings.from(file("melio.poll_ms = 500")));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
        assertThat(e.getMessage()).isEqualTo(dir.resolve("melio.conf") + ": melio.fence_window_ms: required: Melio's"
                + " documented self-fence bound W_f in milliseconds (CONTRACT.md, M3)");
    }

    @Test
    void aMissingFileIsAMissingFenceWindow() {
        HaException e = catchThrowableOfType(HaException.class,
                () -> MelioSettings.from(StackSettingsFile.read(dir.resolve("none.conf"))));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
        assertThat(e.getMessage()).contains("melio.fence_window_ms: required");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            melio.command            | melio-cluster | must be an absolute path, got 'melio-cluster'
            melio.command_timeout_ms | 0             | must be at least 1 ms
            melio.command_timeout_ms | 5s            | expected milliseconds, got '5s'
            melio.poll_ms            | -1            | must not be negative, got -1
            melio.poll_ms            | 0             | must be at least 1 ms
            melio.fence_window_ms    | 0             | must be at least 1 ms
            melio.fence_window_ms    | twenty        | expected milliseconds, got 'twenty'
            melio.fence_widnow_ms    | 20000         | unknown setting (known: melio.command, melio.command_timeout_ms, melio.fence_window_ms, melio.poll_ms)
            """)
    void aBadSettingIsExit7NamingItsLine(String key, String value, String problem) throws Exception {
        StackSettings settings = file("# melio", key.equals("melio.fence_window_ms") ? "" : "melio.fence_window_ms = 1",
                key + " = " + value);

        HaException e = catchThrowableOfType(HaException.class, () -> MelioSettings.from(settings));

        assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_CONFIG_FILE);
        assertThat(e.getMessage()).isEqualTo(dir.resolve("melio.conf") + ":3: " + key + ": " + problem);
    }
}
