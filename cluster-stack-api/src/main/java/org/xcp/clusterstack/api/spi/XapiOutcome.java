package org.xcp.clusterstack.api.spi;

import java.util.Objects;

/**
 * How one run of xapi's health check or of its restart command ended (spec §7.4), as the daemon host reports it
 * to the engine. The engine decides what it means; this only says what happened.
 *
 * @param id the id of the request it answers (the engine ignores a late answer to an older one)
 * @param ended how it ended
 * @param exitCode its exit status when {@link Ended#EXITED}, else -1
 * @param output the start of what it printed on stdout (xhad keeps the health check's first
 *        {@value #MAX_OUTPUT} characters as xapi's error string), printable ASCII only, at most that long
 * @param elapsedMillis from its start to its end (or to the deadline)
 * @param problem why it could not be started, in one line, when {@link Ended#NOT_STARTED}; else empty
 */
public record XapiOutcome(long id, Ended ended, int exitCode, String output, long elapsedMillis, String problem) {
    /** xhad's {@code XAPI_MAX_ERROR_STRING_LEN}: the error string the liveset and the heartbeat carry. */
    public static final int MAX_OUTPUT = 100;

    public enum Ended {
        /** It ended by itself before its limit, with {@link #exitCode()}. */
        EXITED,
        /** Still running at its limit: its whole process group was killed. */
        TIMED_OUT,
        /** It could not be started (xhad's failure to fork the checker). */
        NOT_STARTED
    }

    public XapiOutcome {
        Objects.requireNonNull(ended);
        Objects.requireNonNull(problem);
        output = printable(Objects.requireNonNull(output));
    }

    /** It ended by itself with status 0. */
    public boolean succeeded() {
        return ended == Ended.EXITED && exitCode == 0;
    }

    /** For logs and the journal: "exit 1", "killed at its limit of 2000 ms", "not started: ...". */
    public String describe(long limitMillis) {
        return switch (ended) {
            case EXITED -> "exit " + exitCode;
            case TIMED_OUT -> "still running at its limit of " + limitMillis + " ms, killed";
            case NOT_STARTED -> "not started: " + problem;
        };
    }

    /** Printable ASCII (space to tilde) only, other characters as spaces, stripped, at most {@link #MAX_OUTPUT}. */
    public static String printable(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_OUTPUT));
        for (int i = 0; i < text.length() && b.length() < MAX_OUTPUT; i++) {
            char c = text.charAt(i);
            b.append(c >= ' ' && c <= '~' ? c : ' ');
        }
        return b.toString().strip();
    }
}
