package org.xcp.clusterstack.api.liveset;

/** The local daemon's state as printed in {@code <status>}; xapi also knows {@code Offline}. */
public enum LivesetStatus {
    ONLINE("Online"),
    OFFLINE("Offline"),
    STARTING("Starting");

    private final String text;

    LivesetStatus(String text) {
        this.text = text;
    }

    /** The exact word xhad prints. */
    public String text() {
        return text;
    }
}
