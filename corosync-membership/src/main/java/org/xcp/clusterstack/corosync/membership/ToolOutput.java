package org.xcp.clusterstack.corosync.membership;

import java.time.Duration;

/**
 * What one run of a corosync tool gave.
 *
 * @param tool the tool's file name, for details
 * @param exitCode the exit status; meaningful only for {@link Outcome#EXITED}
 * @param problem for an outcome other than {@code EXITED}, or an oversized output: what went wrong
 */
record ToolOutput(String tool, Outcome outcome, int exitCode, String stdout, String stderr, String problem) {
    enum Outcome {
        EXITED,
        TIMED_OUT,
        NOT_STARTED
    }

    static ToolOutput exited(String tool, int exitCode, String stdout, String stderr, boolean oversized) {
        return new ToolOutput(tool, Outcome.EXITED, exitCode, stdout, stderr, oversized ? stderr : "");
    }

    static ToolOutput timedOut(String tool, Duration timeout) {
        return new ToolOutput(tool, Outcome.TIMED_OUT, -1, "", "", "did not answer within " + timeout.toMillis()
                + " ms and was killed");
    }

    static ToolOutput notStarted(String tool, String why) {
        return new ToolOutput(tool, Outcome.NOT_STARTED, -1, "", "", "could not be run: " + why);
    }

    boolean exitedWith(int code) {
        return outcome == Outcome.EXITED && problem.isEmpty() && exitCode == code;
    }

    /** One line: why this run gave no usable answer. */
    String failure() {
        if (outcome != Outcome.EXITED || !problem.isEmpty()) {
            return tool + " " + problem;
        }
        String said = firstLine(stderr);
        return tool + " exited " + exitCode + (said.isEmpty() ? "" : ": " + said);
    }

    static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        String line = nl < 0 ? stripped : stripped.substring(0, nl).strip();
        return line.length() > 160 ? line.substring(0, 160) + "..." : line;
    }
}
