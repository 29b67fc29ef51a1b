package org.xcp.clusterstack.corosync.membership;

import java.time.Duration;
import org.xcp.clusterstack.common.command.CommandResult;

/**
 * What one run of a corosync tool gave, in this stack's words.
 *
 * @param tool the tool's file name, for details
 * @param timeout the deadline it ran with
 */
record ToolOutput(String tool, CommandResult result, Duration timeout) {
    /** More than any corosync answer (64 nodes list a few tens of KB); beyond it the output is garbage. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;
    private static final int MAX_SAID = 160;

    /** It ended by itself with {@code code} and an output of a sane size. */
    boolean exitedWith(int code) {
        return result.exitedWith(code) && !result.truncated();
    }

    /** The exit status; meaningful only when it exited. */
    int exitCode() {
        return result.exitCode();
    }

    String stdout() {
        return result.stdout();
    }

    /** One line: why this run gave no usable answer. */
    String failure() {
        return tool + " " + switch (result.outcome()) {
            case NOT_STARTED -> "could not be run: " + result.problem();
            case TIMED_OUT -> "did not answer within " + timeout.toMillis() + " ms and was killed";
            case EXITED -> result.truncated() ? "printed more than " + MAX_OUTPUT_BYTES + " bytes"
                    : "exited " + result.exitCode() + said(result.stderrLine());
        };
    }

    private static String said(String line) {
        if (line.isEmpty()) {
            return "";
        }
        return ": " + (line.length() > MAX_SAID ? line.substring(0, MAX_SAID) + "..." : line);
    }
}
