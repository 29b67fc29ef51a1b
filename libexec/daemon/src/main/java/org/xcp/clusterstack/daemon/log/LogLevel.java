package org.xcp.clusterstack.daemon.log;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.xcp.clusterstack.api.spi.StackSettings;

/** A log line's level, lowest first, with its syslog severity (RFC 5424 §6.2.1). */
public enum LogLevel {
    /** What helps find a fault, not needed to follow the host's story. */
    DEBUG(7),
    /** The host's story: joins, liveset changes, arms and disarms. */
    INFO(6),
    /** The daemon's own milestones: started, stopped, and why. */
    NOTICE(5),
    /** Something is wrong and HA may suffer: a lost statefile, a refused request, a missing system log. */
    WARNING(4),
    /** Something failed: a self-fence, a daemon ending on an error. */
    ERROR(3);

    private final int severity;

    LogLevel(int severity) {
        this.severity = severity;
    }

    /** The syslog severity: 7 (debug) to 3 (err). */
    public int severity() {
        return severity;
    }

    /** Whether a line of this level is written by a log that writes {@code lowest} and above. */
    public boolean reaches(LogLevel lowest) {
        return compareTo(lowest) >= 0;
    }

    /**
     * The lowest level the stack's settings ask the log to write ({@link StackSettings#LOG_LEVEL}), {@link #INFO}
     * when unset; another word is exit 7 naming the file and the line.
     */
    public static LogLevel of(StackSettings settings) {
        String word = settings.get(StackSettings.LOG_LEVEL, INFO.name());
        return named(word).orElseThrow(() -> settings.invalid(StackSettings.LOG_LEVEL, "expected one of "
                + Arrays.stream(values()).map(l -> l.name().toLowerCase(Locale.ROOT)).toList() + ", got '" + word
                + "'"));
    }

    /** The level named {@code word}, in any case. */
    public static Optional<LogLevel> named(String word) {
        return Arrays.stream(values()).filter(l -> l.name().equals(word.strip().toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
