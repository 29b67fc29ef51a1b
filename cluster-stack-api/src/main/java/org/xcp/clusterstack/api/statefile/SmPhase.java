package org.xcp.clusterstack.api.statefile;

import java.util.Optional;

/**
 * A host section's {@code sm_phase}: where the owner's state machine is, including the steps of the
 * fault-handler rendezvous (spec §5.3, xhad's {@code SM_PHASE}).
 */
public enum SmPhase {
    STARTING(0),
    STARTED(1),
    ABORTED(2),
    FHREADY(3),
    FH1(4),
    FH1DONE(5),
    FH2(6),
    FH2DONE(7),
    FH3(8),
    FH3DONE(9),
    FH4(10),
    FH4DONE(11);

    private final int code;

    SmPhase(int code) {
        this.code = code;
    }

    /** The value stored in the statefile. */
    public int code() {
        return code;
    }

    public static Optional<SmPhase> fromCode(int code) {
        for (SmPhase phase : values()) {
            if (phase.code == code) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }
}
