package org.xcp.clusterstack.recover;

import java.util.Arrays;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;

/**
 * What {@code recover} can recognise, each with the code an admin types to confirm its fix and, where there is one,
 * the xhad exit code a start of the daemon fails with in that case.
 */
public enum DiagnosisCode {
    CANNOT_JOIN("cannot-join", ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET,
            "the live hosts do not take this host into their liveset"),
    EXCLUDED("excluded", ExitCode.BOOT_BLOCKED_BY_EXCLUDED,
            "this host is excluded and no liveset exists, so its daemon cannot start"),
    GENERATION_MISMATCH("generation-mismatch", ExitCode.GENERATION_UUID_MISMATCH,
            "the statefile belongs to another enable of HA than this host's xhad.conf"),
    POOL_INVALID("pool-invalid", ExitCode.INVALID_POOL_STATE,
            "the pool state forbids a start (HA disabled, or INIT while a liveset exists)"),
    STALE_PID("stale-pid", null, "the pid file names a process that is not this host's daemon"),
    STALE_LOCK("stale-lock", null, "the host's lock is held by a process that is not a daemon"),
    STATEFILE_UNREADABLE("statefile-unreadable", ExitCode.CAN_NOT_ACCESS_STATEFILE,
            "the statefile cannot be read"),
    STATEFILE_CORRUPTED("statefile-corrupted", ExitCode.INVALID_STATE_FILE,
            "the statefile fails validation");

    private final String code;
    private final ExitCode exitCode;
    private final String meaning;

    DiagnosisCode(String code, ExitCode exitCode, String meaning) {
        this.code = code;
        this.exitCode = exitCode;
        this.meaning = meaning;
    }

    /** What the admin types to confirm, and what {@code --json} says. */
    public String code() {
        return code;
    }

    /** The exit code a daemon's start fails with in this case, if it has one of its own. */
    public Optional<ExitCode> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    public String meaning() {
        return meaning;
    }

    public static Optional<DiagnosisCode> of(String code) {
        return Arrays.stream(values()).filter(d -> d.code.equals(code)).findFirst();
    }

    /** The case a failed start's exit code points at, if recover knows it. */
    public static Optional<DiagnosisCode> forExit(int status) {
        return Arrays.stream(values()).filter(d -> d.exitCode != null && d.exitCode.number() == status).findFirst();
    }
}
