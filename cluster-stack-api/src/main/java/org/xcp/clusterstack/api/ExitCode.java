package org.xcp.clusterstack.api;

import java.util.Optional;

/**
 * The exit codes of every {@code ha_*} script and of the daemon, with xhad's numbers and names
 * ({@code xenserver/xha include/mtcerrno.def}, copied by xapi into {@code xha_errno.ml}).
 *
 * <p>This enum is the only source of truth: the build renders the shell rc file sourced by the script
 * shims and the Markdown table in {@code docs/exit-codes.md} from it ({@link ExitCodeTables}), and every script's
 * failure line on stderr ends with a code's {@link #advice} and number ({@link FailureLine}). xapi maps
 * any other number to "Unrecognised MTC exit code", so nothing may exit with a number not listed here.
 */
public enum ExitCode {
    SUCCESS(0, "success", ""),
    INVALID_PARAMETER(1, "bad arguments", ""), // the reason says which argument and what is expected
    SYSTEM_ERROR(2, "fatal system error", "see the daemon's log"),
    TRANSIENT_SYSTEM_ERROR(3, "transient error", "try again; if it persists, see the daemon's log"),
    WATCHDOG_ERROR(4, "watchdog unavailable", "load the watchdog driver or use another WatchdogMode"),
    IMPROPER_LICENSE(5, "not licensed (legacy, never produced)", ""),
    CAN_NOT_READ_CONFIG_FILE(6, "config file missing", "xapi writes /etc/xensource/xhad.conf when HA is enabled"),
    INVALID_CONFIG_FILE(7, "config file invalid", "fix the element named, or enable HA again to have xapi rewrite it"),
    CAN_NOT_ACCESS_STATEFILE(8, "statefile inaccessible",
            "check that the heartbeat SR is plugged and its statefile path readable and writable"),
    INVALID_STATE_FILE(9, "statefile invalid", "'cluster-stack statefile dump' marks the fields that fail"),
    GENERATION_UUID_MISMATCH(10, "statefile belongs to another generation",
            "the statefile is another HA enable's: disable HA and enable it again"),
    INVALID_POOL_STATE(11, "pool state forbids this", "HA was disabled or is being enabled: enable HA again"),
    BOOTJOIN_TIMEOUT(12, "join timeout",
            "start the daemons of the missing hosts, or check the heartbeat network and the statefile"),
    CAN_NOT_JOIN_EXISTING_LIVESET(13, "join refused",
            "the hosts already live did not take this one in: check that they and this host hear each other's"
                    + " heartbeats (network, UDP port, heartbeat key), then see the daemon's log"),
    DAEMON_IS_NOT_PRESENT(14, "no daemon", "ha_start_daemon starts it"),
    DAEMON_IS_PRESENT(15, "daemon already running", "ha_stop_daemon stops it"),
    INVALID_ENVIRONMENT(16, "bad environment", "run it as xapi does: as root, with the stack's directory on PATH"),
    INVALID_LOCALHOST_STATE(17, "host not Online", "wait until ha_query_liveset says Online"),
    BOOT_BLOCKED_BY_EXCLUDED(18, "start blocked by the excluded flag",
            "this host left the pool on purpose: start a host that is not excluded first"),
    SET_EXCLUDED(19, "daemon ended after set_excluded",
            "its watchdog stays armed: run ha_disarm_fencing before ha_set_excluded"),
    INTERNAL_BUG(127, "internal bug", "a bug: report it with the daemon's log");

    private final int number;
    private final String meaning;
    private final String advice;

    ExitCode(int number, String meaning, String advice) {
        this.number = number;
        this.meaning = meaning;
        this.advice = advice;
    }

    /** The process exit status, exactly as xhad uses it. */
    public int number() {
        return number;
    }

    /** A few words for people: help texts and the generated docs. */
    public String meaning() {
        return meaning;
    }

    /**
     * What to do about it, in a few words, for the end of a script's failure line ({@link FailureLine}); empty
     * for success and for 5, which nothing produces.
     */
    public String advice() {
        return advice;
    }

    /** xhad's name, e.g. {@code MTC_EXIT_INVALID_CONFIG_FILE}. */
    public String xhadName() {
        return "MTC_EXIT_" + name();
    }

    public static Optional<ExitCode> fromNumber(int number) {
        for (ExitCode c : values()) { // a loop: the scripts' client starts cold
            if (c.number == number) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
