package org.xcp.clusterstack.daemon.hygiene;

import java.util.Objects;

/** What one step did: {@code done} and what it did, or refused and why (one line each). */
public record StepOutcome(HygieneStep step, boolean done, String text) {
    public StepOutcome {
        Objects.requireNonNull(step);
        if (text.isBlank() || text.contains("\n")) {
            throw new IllegalArgumentException("an outcome is one line, got '" + text + "'");
        }
    }

    static StepOutcome done(HygieneStep step, String what) {
        return new StepOutcome(step, true, what);
    }

    static StepOutcome refused(HygieneStep step, String why) {
        return new StepOutcome(step, false, "refused: " + why);
    }

    /** The line for the log. */
    String logLine() {
        return "process hygiene: " + step.what() + ": " + text;
    }
}
