package org.example.filehb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * The filehb stack's settings ({@code <dir of xhad.conf>/cluster-stack/filehb.conf}).
 *
 * @param directory the heartbeat directory, the same on every host of the pool (absolute)
 * @param interval how often this host writes its heartbeat and reads its peers'
 * @param timeout how long a peer's heartbeat may stay unchanged before that peer is no longer a member
 */
public record HeartbeatSettings(Path directory, Duration interval, Duration timeout) {
    public static final String DIRECTORY = "filehb.directory";
    public static final String INTERVAL = "filehb.interval_ms";
    public static final String TIMEOUT = "filehb.timeout_ms";
    public static final List<SettingKey> SETTING_KEYS = List.of(
            new SettingKey(DIRECTORY, "required", "the heartbeat directory, an absolute path every host of the pool"
                    + " mounts from the same shared filesystem"),
            new SettingKey(INTERVAL, "1000", "how often this host writes its heartbeat and reads its peers', in"
                    + " milliseconds"),
            new SettingKey(TIMEOUT, "the pool's HeartbeatTimeout", "how long a peer's heartbeat may stay unchanged"
                    + " before it is no longer a member, in milliseconds; at least twice the interval"));
    public static final Set<String> KEYS = SettingKey.names(SETTING_KEYS);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public HeartbeatSettings {
        Objects.requireNonNull(directory);
        if (!directory.isAbsolute()) {
            throw new IllegalArgumentException("the heartbeat directory must be an absolute path");
        }
        if (interval.isZero() || interval.isNegative() || timeout.compareTo(interval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the interval must be positive and the timeout at least twice it");
        }
    }

    /**
     * Reads the settings; every problem is exit 7 naming the file, the line and the key. The timeout defaults to the
     * pool's HeartbeatTimeout (xapi's T): a peer silent that long is lost, as xhad loses a host whose network
     * heartbeat stops.
     */
    public static HeartbeatSettings from(StackSettings settings, DaemonConfig config) {
        settings.allowOnly(KEYS);
        if (settings.get(DIRECTORY).isEmpty()) {
            throw settings.invalid(DIRECTORY, "required: the heartbeat directory every host of the pool mounts");
        }
        Path directory = settings.path(DIRECTORY, null);
        if (!directory.isAbsolute()) {
            throw settings.invalid(DIRECTORY, "must be an absolute path, got '" + directory + "'");
        }
        Duration interval = settings.millis(INTERVAL, DEFAULT_INTERVAL);
        if (interval.isZero()) {
            throw settings.invalid(INTERVAL, "must be at least 1 ms");
        }
        Duration timeout = settings.millis(TIMEOUT, config.parameters().heartbeatTimeout());
        if (timeout.compareTo(interval.multipliedBy(2)) < 0) {
            throw settings.invalid(settings.get(TIMEOUT).isPresent() ? TIMEOUT : INTERVAL, "the timeout ("
                    + timeout.toMillis() + " ms) must be at least twice the interval (" + interval.toMillis()
                    + " ms): a peer would be lost between two of its own heartbeats");
        }
        return new HeartbeatSettings(directory, interval, timeout);
    }
}
