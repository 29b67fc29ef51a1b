package org.xcp.clusterstack.api;

import java.util.Objects;

/**
 * A failure that ends in one of xhad's exit codes. The message is one line for people: what is wrong
 * and where (file, element, line), never a stack trace.
 */
public class HaException extends RuntimeException {
    private final ExitCode exitCode;

    public HaException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    public HaException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
