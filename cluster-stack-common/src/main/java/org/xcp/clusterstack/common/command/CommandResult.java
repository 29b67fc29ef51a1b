package org.xcp.clusterstack.common.command;

import java.util.Objects;

/**
 * What one run of a manager's command gave. Each stack words its failures itself; this says only what happened.
 *
 * @param exitCode the exit status; -1 unless {@link Outcome#EXITED}
 * @param stdout at most the runner's cap of bytes of stdout, as UTF-8
 * @param truncated stdout went on past the cap (what is beyond it was not read)
 * @param stderrLine the first non-blank line of stderr, control characters blanked, cut at
 *     {@link #MAX_STDERR_LINE} characters; empty unless {@link Outcome#EXITED}
 * @param problem for {@link Outcome#NOT_STARTED}, why, in one line; else empty
 */
public record CommandResult(Outcome outcome, int exitCode, String stdout, boolean truncated, String stderrLine,
        String problem) {
    /** Longer first lines of stderr end in "...": a detail stays one readable line. */
    public static final int MAX_STDERR_LINE = 200;

    public enum Outcome {
        /** The command ended by itself before the deadline, with {@link #exitCode()}. */
        EXITED,
        /** Still running at the deadline: it was killed with everything it had started. */
        TIMED_OUT,
        /** It could not be started (or its output could not be kept): {@link #problem()} says why. */
        NOT_STARTED
    }

    public CommandResult {
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(stdout);
        Objects.requireNonNull(stderrLine);
        Objects.requireNonNull(problem);
    }

    static CommandResult exited(int exitCode, String stdout, boolean truncated, String stderr) {
        return new CommandResult(Outcome.EXITED, exitCode, stdout, truncated, firstLine(stderr), "");
    }

    static CommandResult timedOut() {
        return new CommandResult(Outcome.TIMED_OUT, -1, "", false, "", "");
    }

    static CommandResult notStarted(String why) {
        return new CommandResult(Outcome.NOT_STARTED, -1, "", false, "", oneLine(String.valueOf(why)));
    }

    /** It ended by itself with {@code code}; says nothing of {@link #truncated()}. */
    public boolean exitedWith(int code) {
        return outcome == Outcome.EXITED && exitCode == code;
    }

    static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        return oneLine(nl < 0 ? stripped : stripped.substring(0, nl));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_STDERR_LINE ? line.substring(0, MAX_STDERR_LINE) + "..." : line;
    }
}
