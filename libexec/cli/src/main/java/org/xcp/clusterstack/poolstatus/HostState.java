package org.xcp.clusterstack.poolstatus;

import java.util.Locale;

/** A configured host as the pool sees it. */
public enum HostState {
    /** In the liveset. */
    ONLINE,
    /** Its daemon is starting: its section says so. */
    STARTING,
    /** It left on purpose: its excluded flag is set. */
    EXCLUDED,
    /** None of the above: stopped, crashed, fenced or never started. */
    ABSENT;

    /** The word in text and JSON. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
