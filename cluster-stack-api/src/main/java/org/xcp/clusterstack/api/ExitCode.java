package org.xcp.clusterstack.api;

import java.util.Optional;

/**
 * The exit codes of every {@code ha_*} script and of the daemon, with xhad's numbers and names
 * ({@code xenserver/xha include/mtcerrno.def}, copied by xapi into {@code xha_errno.ml}).
 *
 * <p>This enum is the only source of truth: the build renders the shell rc file sourced by the script
 * shims and the Markdown table in {@code docs/exit-codes.md} from it ({@link ExitCodeTables}). xapi maps
 * any other number to "Unrecognised MTC exit code", so nothing may exit with a number not listed here.
 */
public enum ExitCode {
    SUCCESS(0, "success"),
    INVALID_PARAMETER(1, "bad arguments"),
    SYSTEM_ERROR(2, "fatal system error"),
    TRANSIENT_SYSTEM_ERROR(3, "transient error"),
    WATCHDOG_ERROR(4, "watchdog unavailable"),
    IMPROPER_LICENSE(5, "not licensed (legacy, never produced)"),
    CAN_NOT_READ_CONFIG_FILE(6, "config file missing"),
    INVALID_CONFIG_FILE(7, "config file invalid"),
    CAN_NOT_ACCESS_STATEFILE(8, "statefile inaccessible"),
    INVALID_STATE_FILE(9, "statefile invalid"),
    GENERATION_UUID_MISMATCH(10, "statefile belongs to another generation"),
    INVALID_POOL_STATE(11, "pool state forbids this"),
    BOOTJOIN_TIMEOUT(12, "join timeout"),
    CAN_NOT_JOIN_EXISTING_LIVESET(13, "join refused"),
    DAEMON_IS_NOT_PRESENT(14, "no daemon"),
    DAEMON_IS_PRESENT(15, "daemon already running"),
    INVALID_ENVIRONMENT(16, "bad environment"),
    INVALID_LOCALHOST_STATE(17, "host not Online"),
    BOOT_BLOCKED_BY_EXCLUDED(18, "start blocked by the excluded flag"),
    SET_EXCLUDED(19, "daemon ended after set_excluded"),
    INTERNAL_BUG(127, "internal bug");

    private final int number;
    private final String meaning;

    ExitCode(int number, String meaning) {
        this.number = number;
        this.meaning = meaning;
    }

    /** The process exit status, exactly as xhad uses it. */
    public int number() {
        return number;
    }

    /** A few words for people: help texts and the generated docs. */
    public String meaning() {
        return meaning;
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
