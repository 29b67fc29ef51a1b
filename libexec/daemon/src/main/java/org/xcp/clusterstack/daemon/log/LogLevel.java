package org.xcp.clusterstack.daemon.log;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** The daemon-wide setting that chooses the lowest level written (default {@link #INFO}). */
    public static final String SETTING = "log-level";

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

    /** The level named {@code word}, in any case. */
    public static Optional<LogLevel> named(String word) {
        return Arrays.stream(values()).filter(l -> l.name().equals(word.strip().toUpperCase(Locale.ROOT)))
                .findFirst();
    }
}
