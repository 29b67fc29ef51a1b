package org.xcp.clusterstack.poolstatus;

import java.util.Objects;

/** A fencer on this host besides the stack's own: what it is and the evidence (a pid, a configfs path). */
public record FencerFinding(String what, String evidence) {
    public FencerFinding {
        Objects.requireNonNull(what);
        Objects.requireNonNull(evidence);
    }
}
