package org.xcp.clusterstack.control;

import java.util.Objects;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.OneLine;

/**
 * The daemon's answer to one {@link Request}: the exit code the script ends with, a one-line message for its
 * stderr (empty on success; xapi logs a script's stderr), and the bytes the script prints on stdout. So a
 * failure's reason travels with its code, and nobody has to find it in a log.
 */
public record Reply(ExitCode code, String message, String stdout) {
    public Reply {
        Objects.requireNonNull(code, "code");
        message = OneLine.of(message);
        Objects.requireNonNull(stdout, "stdout");
    }

    public static Reply ok(String stdout) {
        return new Reply(ExitCode.SUCCESS, "", stdout);
    }

    /** A failure: its code and message, nothing on stdout. */
    public static Reply failed(HaException e) {
        return new Reply(e.exitCode(), e.getMessage() == null ? "" : e.getMessage(), "");
    }

    public boolean succeeded() {
        return code == ExitCode.SUCCESS;
    }

    /** The script's exit status. */
    public int status() {
        return code.number();
    }
}
