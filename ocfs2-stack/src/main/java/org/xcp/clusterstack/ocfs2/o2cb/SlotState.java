package org.xcp.clusterstack.ocfs2.o2cb;

/** Where one heartbeat slot stands in an {@link O2hbTracker}, for logs and the view's detail. */
public enum SlotState {
    /** Not live: never seen changing twice since the baseline (or since it died). */
    WAITING("waiting"),
    /** {@code hb_seq} changed on 2 reads and has not stood still for {@code dead_threshold} reads since. */
    LIVE("live"),
    /** Was live, then {@code dead_threshold} consecutive reads without a change. */
    DEAD("dead (silent)"),
    /** Was live, then its {@code hb_generation} changed to a new non-zero value: its owner restarted. */
    RESTARTED("dead (new generation)"),
    /** Was live, then wrote generation 0: its owner stopped its region cleanly. */
    LEFT("left cleanly");

    private final String text;

    SlotState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
