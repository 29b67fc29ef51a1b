package org.xcp.clusterstack.api.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * A stack's own settings: what xapi's {@code xhad.conf} cannot say (where corosync's tools are, which o2cb
 * cluster and heartbeat device, how to reach Melio's service). One file per stack and host,
 * {@code <dir of xhad.conf>/cluster-stack/<stack>.conf} (so {@code /etc/xensource/cluster-stack/<stack>.conf}
 * for xapi's default config), of {@code key = value} lines; {@code #} starts a comment line. A missing file
 * means every default. A malformed line or an unknown key is exit 7 naming the file and line, as for a bad
 * {@code xhad.conf}.
 */
public final class StackSettings {
    /** How the daemon treats its own process (docs/operators.md, "Process hygiene"): required, best-effort, off. */
    public static final String PROCESS_HYGIENE = "process-hygiene";
    /** The lowest level the daemon's log writes (docs/operators.md, "Logs"): debug, info, notice, warning, error. */
    public static final String LOG_LEVEL = "log-level";
    /**
     * xapi's health check (spec §7.4; docs/operators.md, "xapi's health check"): the program and its arguments,
     * separated by spaces. Default xhad's {@code /opt/xensource/libexec/xapi-health-check}.
     */
    public static final String XAPI_HEALTH_CHECK_COMMAND = "xapi-health-check-command";
    /** What restarts xapi when its health check fails, as above. Default {@code systemctl restart xapi.service}. */
    public static final String XAPI_RESTART_COMMAND = "xapi-restart-command";
    /**
     * How long the storage under the statefile may hold an I/O during a path failover, in milliseconds: what
     * {@code cluster-stack pool status} holds the HA timeouts against (docs/operators.md). Read by the CLI only;
     * without it the host's multipath configuration is read.
     */
    public static final String STORAGE_IO_TIMEOUT = "storage-io-timeout";
    /** The daemon's own keys, the same for every stack, as the man page describes them. */
    public static final List<SettingKey> DAEMON_SETTINGS = List.of(
            new SettingKey(PROCESS_HYGIENE, "best-effort", "best-effort, required or off: whether the daemon's"
                    + " own cgroup, real-time scheduling, locked memory and OOM score are required at start (a"
                    + " refused step is exit 2), tried (a refused step is a warning) or not taken"),
            new SettingKey(LOG_LEVEL, "info", "debug, info, notice, warning or error: the lowest level daemon.log"
                    + " and the system log get"),
            new SettingKey(XAPI_HEALTH_CHECK_COMMAND, "/opt/xensource/libexec/xapi-health-check", "xapi's health"
                    + " check: a program (an absolute path, or a name found on /usr/sbin:/usr/bin:/sbin:/bin) and its"
                    + " arguments separated by spaces; when not set and not installed, the check is off"),
            new SettingKey(XAPI_RESTART_COMMAND, "systemctl restart xapi.service", "what restarts xapi after a"
                    + " failed health check, in the same form"),
            new SettingKey(STORAGE_IO_TIMEOUT, "none (the host's multipath configuration)", "milliseconds the"
                    + " storage under the statefile may hold an I/O during a path failover; cluster-stack pool"
                    + " status warns when HeartbeatTimeout or StateFileTimeout is below it (read by the CLI"
                    + " only)"));
    /** The daemon's own keys, the same for every stack: {@link #allowOnly} always accepts them. */
    public static final Set<String> DAEMON_KEYS = SettingKey.names(DAEMON_SETTINGS);

    private final Path file;
    private final Map<String, String> values;
    private final Map<String, Integer> lines;

    private StackSettings(Path file, Map<String, String> values, Map<String, Integer> lines) {
        this.file = file;
        this.values = values;
        this.lines = lines;
    }

    /** The settings file of {@code stack} next to the daemon config {@code xhadConf}. */
    public static Path fileFor(Path xhadConf, String stack) {
        Path dir = xhadConf.toAbsolutePath().getParent();
        return dir.resolve("cluster-stack").resolve(stack + ".conf");
    }

    public static StackSettings none(Path file) {
        return new StackSettings(file, Map.of(), Map.of());
    }

    public static StackSettings of(Path file, Map<String, String> values) {
        return new StackSettings(file, Map.copyOf(values), Map.of());
    }

    /**
     * The settings written in {@code text}, the content of {@code file} (named in errors). Reading the file is
     * the common module's {@code StackSettingsFile}; this is the format.
     */
    public static StackSettings parse(Path file, String text) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        for (int n = 0; n < all.length; n++) {
            String line = all[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (eq < 0 || key.isEmpty() || !key.matches("[a-z0-9_.-]+")) {
                throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ":" + (n + 1)
                        + ": expected 'key = value' with a lower-case key, got '" + line + "'");
            }
            if (values.put(key, line.substring(eq + 1).strip()) != null) {
                throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ":" + (n + 1) + ": '" + key
                        + "' is set twice");
            }
            lines.put(key, n + 1);
        }
        return new StackSettings(file, values, lines);
    }

    public Path file() {
        return file;
    }

    /**
     * Refuses keys neither the stack ({@code known}) nor the daemon ({@link #DAEMON_KEYS}) knows (a typo must not
     * silently fall back to a default).
     */
    public StackSettings allowOnly(Set<String> known) {
        for (String key : values.keySet()) {
            if (!known.contains(key) && !DAEMON_KEYS.contains(key)) {
                throw invalid(key, "unknown setting (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
        return this;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    public Path path(String key, Path fallback) {
        return get(key).map(Path::of).orElse(fallback);
    }

    /** A duration written in milliseconds. */
    public Duration millis(String key, Duration fallback) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            long ms = Long.parseLong(v.get());
            if (ms < 0) {
                throw invalid(key, "must not be negative, got " + ms);
            }
            return Duration.ofMillis(ms);
        } catch (NumberFormatException e) {
            throw invalid(key, "expected milliseconds, got '" + v.get() + "'");
        }
    }

    /** One of {@code allowed}. */
    public String choice(String key, String fallback, Set<String> allowed) {
        String v = get(key, fallback);
        if (!allowed.contains(v)) {
            throw invalid(key, "expected one of " + new TreeSet<>(allowed) + ", got '" + v + "'");
        }
        return v;
    }

    /** Exit 7 naming the file, the line and the key. */
    public HaException invalid(String key, String problem) {
        Integer line = lines.get(key);
        return new HaException(ExitCode.INVALID_CONFIG_FILE, file + (line == null ? "" : ":" + line) + ": " + key
                + ": " + problem);
    }

    /** The keys that are set, for logs. */
    public Map<String, String> asMap() {
        return Map.copyOf(values);
    }
}
