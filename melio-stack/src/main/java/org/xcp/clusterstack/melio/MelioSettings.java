package org.xcp.clusterstack.melio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * The melio stack's settings ({@code <dir of xhad.conf>/cluster-stack/melio.conf}, CONTRACT.md "Settings").
 *
 * @param command Melio's cluster service command, the stack's only way to the service (absolute)
 * @param commandTimeout how long one run of the command may take before it and its children are killed
 * @param fenceWindow W_f: how long after Melio loses contact with a host that host is certainly fenced (M3)
 * @param pollInterval how often the daemon host samples the service
 */
public record MelioSettings(Path command, Duration commandTimeout, Duration fenceWindow, Duration pollInterval) {
    public static final String COMMAND = "melio.command";
    public static final String COMMAND_TIMEOUT = "melio.command_timeout_ms";
    public static final String FENCE_WINDOW = "melio.fence_window_ms";
    public static final String POLL = "melio.poll_ms";
    /** Every key, as the man page lists it. */
    public static final List<SettingKey> SETTING_KEYS = List.of(
            new SettingKey(COMMAND, "/opt/melio/bin/melio-cluster", "the Melio cluster tool, an absolute path;"
                    + " start fails with 16 if it is missing or not executable"),
            new SettingKey(COMMAND_TIMEOUT, "5000", "the longest one run of the tool may take, in milliseconds"),
            new SettingKey(FENCE_WINDOW, "required", "W_f, in milliseconds: how long after Melio loses contact with"
                    + " a host that host is certainly fenced, from Melio's documentation"),
            new SettingKey(POLL, "1000", "how often the tool's status runs, in milliseconds"));
    public static final Set<String> KEYS = SettingKey.names(SETTING_KEYS);

    public static final Path DEFAULT_COMMAND = Path.of("/opt/melio/bin/melio-cluster");
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(1);

    public MelioSettings {
        Objects.requireNonNull(command);
        if (!command.isAbsolute()) {
            throw new IllegalArgumentException("the command must be an absolute path");
        }
        for (Duration d : new Duration[] {commandTimeout, fenceWindow, pollInterval}) {
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException("durations must be positive");
            }
        }
    }

    /**
     * Reads the settings; every problem is exit 7 naming the file, the line and the key. W_f has no default:
     * only Melio's vendor can say how long its losers take to fence themselves.
     */
    public static MelioSettings from(StackSettings settings) {
        settings.allowOnly(KEYS);
        Path command = settings.path(COMMAND, DEFAULT_COMMAND);
        if (!command.isAbsolute()) {
            throw settings.invalid(COMMAND, "must be an absolute path, got '" + command + "'");
        }
        if (settings.get(FENCE_WINDOW).isEmpty()) {
            throw settings.invalid(FENCE_WINDOW, "required: Melio's documented self-fence bound W_f in milliseconds"
                    + " (CONTRACT.md, M3)");
        }
        return new MelioSettings(command, positive(settings, COMMAND_TIMEOUT, DEFAULT_COMMAND_TIMEOUT),
                positive(settings, FENCE_WINDOW, Duration.ZERO), positive(settings, POLL, DEFAULT_POLL));
    }

    private static Duration positive(StackSettings settings, String key, Duration fallback) {
        Duration d = settings.millis(key, fallback);
        if (d.isZero()) {
            throw settings.invalid(key, "must be at least 1 ms");
        }
        return d;
    }
}
