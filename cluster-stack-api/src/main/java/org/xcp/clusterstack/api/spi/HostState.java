package org.xcp.clusterstack.api.spi;

/** The local host as xhad's {@code gethoststate} reports it. */
public enum HostState {
    /** Joining: the liveset says {@code Starting}; propose/disarm answer 17. */
    STARTING("Starting"),
    /** A member of the liveset; {@code ha_start_daemon} has returned 0. */
    ONLINE("Online");

    private final String text;

    HostState(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
