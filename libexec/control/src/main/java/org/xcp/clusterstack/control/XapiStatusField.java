package org.xcp.clusterstack.control;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code xapi.*} lines of the daemon's STATUS reply, spelled once: the daemon writes them, {@code cluster-stack
 * status} reads them, and {@code status --json} has each under {@code xapi} by the same name (docs/operators.md
 * tables them). A line is left out when it has nothing to say: all but the first two while the check is off or
 * the engine has not started, {@code last_check*} before the first check, {@code self_fence_*} with none pending,
 * {@code error} once a check passes.
 */
public enum XapiStatusField {
    /** {@code on}, or {@code off} when no health check is installed or configured. */
    HEALTH_CHECK("health_check", false),
    /** The health check's program and arguments (when off, the one that is not installed). */
    COMMAND("command", false),
    /** How the last check ended: {@code passed}, {@code failed}, {@code timed_out} or {@code not_started}. */
    LAST_CHECK("last_check", false),
    /** The same in words: {@code exit 1}, {@code still running at its limit of 10000 ms, killed}, ... */
    LAST_CHECK_DETAIL("last_check_detail", false),
    /** How long the last check ran. */
    LAST_CHECK_MS("last_check_ms", true),
    /** When it ended, ISO-8601 UTC by the daemon's clock. */
    LAST_CHECK_AT("last_check_at", false),
    /** How long ago it ended. */
    LAST_CHECK_AGE_MS("last_check_age_ms", true),
    /** Checks that failed or could not be started since the last that passed. */
    FAILED_IN_A_ROW("failed_in_a_row", true),
    /** Restart attempts counted now: since the last restart that worked, none once that is over a day old. */
    RESTARTS_USED("restarts_used", true),
    /** XapiRestartAttempts. */
    RESTARTS_ALLOWED("restarts_allowed", true),
    /** {@code pending} when this host has given up on xapi and fences itself soon, else {@code none}. */
    SELF_FENCE("self_fence", false),
    /** Milliseconds until the pending self-fence. */
    SELF_FENCE_IN_MS("self_fence_in_ms", true),
    /** When it is due, ISO-8601 UTC by the daemon's clock. */
    SELF_FENCE_AT("self_fence_at", false),
    /** xapi's error string: the first 100 printable characters the last failed check printed. */
    ERROR("error", false);

    /** The reply's keys begin {@code xapi.}; {@code status --json} groups them in an object of that name. */
    public static final String GROUP = "xapi";

    private final String name;
    private final boolean number;

    XapiStatusField(String name, boolean number) {
        this.name = name;
        this.number = number;
    }

    /** The name in {@code status --json}'s {@code xapi} object. */
    public String jsonName() {
        return name;
    }

    /** The key in the STATUS reply: {@code xapi.<name>}. */
    public String key() {
        return GROUP + "." + name;
    }

    /** Whether the value is a count or milliseconds (a number in JSON), not words. */
    public boolean number() {
        return number;
    }

    /** The reply's line: {@code xapi.<name>=<value>}. */
    public String line(Object value) {
        return key() + "=" + value;
    }

    public static Optional<XapiStatusField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key().equals(key)).findFirst();
    }
}
