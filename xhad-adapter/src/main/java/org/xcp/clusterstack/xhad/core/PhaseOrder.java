package org.xcp.clusterstack.xhad.core;

import org.xcp.clusterstack.api.statefile.SmPhase;

/**
 * The order of a fault-handler round (spec §7.3, xhad's {@code daemon/sm.c}) and when a member has reached my
 * phase. A round runs FHREADY, FH1, FH1DONE, FH2, FH2DONE, FH3, FH3DONE, FH4, FH4DONE and ends with STARTED; a
 * host leaves a phase only once every member has reached it, so no member is ever two phases ahead of another,
 * which is all a C host's rendezvous asks (it waits, with no timeout, for exactly its phase or the next).
 */
final class PhaseOrder {
    /** Past every phase of a round: a member done with it. */
    private static final int DONE = SmPhase.FH4DONE.code() + 1;

    private PhaseOrder() {
    }

    /** The phase after {@code p} in a round; after FH4DONE, STARTED, and after STARTED the next round's FHREADY. */
    static SmPhase next(SmPhase p) {
        return switch (p) {
            case FHREADY -> SmPhase.FH1;
            case FH1 -> SmPhase.FH1DONE;
            case FH1DONE -> SmPhase.FH2;
            case FH2 -> SmPhase.FH2DONE;
            case FH2DONE -> SmPhase.FH3;
            case FH3 -> SmPhase.FH3DONE;
            case FH3DONE -> SmPhase.FH4;
            case FH4 -> SmPhase.FH4DONE;
            case FH4DONE -> SmPhase.STARTED;
            case STARTED -> SmPhase.FHREADY;
            default -> throw new IllegalStateException("no fault-handler phase follows " + p);
        };
    }

    /** xhad meets over the statefile too at FH1DONE and FH2 (partitions see each other there only). */
    static boolean alsoOnStatefile(SmPhase mine) {
        return mine == SmPhase.FH1DONE || mine == SmPhase.FH2;
    }

    /** Whether a member whose heartbeat shows {@code code} has reached my phase {@code mine}, or is past it. */
    static boolean reached(int code, SmPhase mine) {
        return rank(code, mine) >= (mine == SmPhase.STARTED ? DONE : mine.code());
    }

    /**
     * Whether a member I reach only on the statefile, whose section shows {@code code}, has reached my phase: at
     * FH1DONE with FH1DONE, FH2 or FH2DONE, at FH2 with FH2 up to FH4DONE. A section can still show the end of
     * the previous round (FH4, FH4DONE), so at FH1DONE nothing past FH2DONE counts: counting it let a host run two
     * phases ahead of a C host (the simulator found it, seed 5295); at FH2 the member already met me at FH1DONE.
     */
    static boolean reachedOnStatefile(int code, SmPhase mine) {
        int upTo = mine == SmPhase.FH1DONE ? SmPhase.FH2DONE.code() : SmPhase.FH4DONE.code();
        return code >= mine.code() && code <= upTo;
    }

    /**
     * How far a member's phase is along the round, seen from my phase {@code mine}: FHREADY … FH4DONE in order,
     * then STARTED (the round's end) and the next round's FHREADY beyond them. While I close a round (FH4DONE,
     * STARTED), a member back at STARTED or FHREADY is done; while I open one (FHREADY), a member still at FH4 or
     * FH4DONE is finishing the previous one. STARTED anywhere else, or any other code, counts as not there.
     */
    private static int rank(int code, SmPhase mine) {
        boolean closing = mine == SmPhase.FH4DONE || mine == SmPhase.STARTED;
        if (mine == SmPhase.STARTED) {
            return code == SmPhase.FH4DONE.code() ? 0 : DONE;
        }
        if (closing && (code == SmPhase.STARTED.code() || code == SmPhase.FHREADY.code())) {
            return DONE;
        }
        if (mine == SmPhase.FHREADY && code >= SmPhase.FH4.code()) {
            return 0;
        }
        return code >= SmPhase.FHREADY.code() && code <= SmPhase.FH4DONE.code() ? code : 0;
    }
}
