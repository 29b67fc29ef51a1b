package org.xcp.clusterstack.api.manifest;

/**
 * The timeouts a stack suggests, in seconds.
 *
 * @param haTimeout the HA timeout T to enable HA with (xapi's {@code ha-config:timeout}; at least 10)
 * @param startDaemon the longest {@code ha_start_daemon} may block at that T
 * @param script the longest any other script may take
 */
public record SuggestedTimeouts(int haTimeout, int startDaemon, int script) {
    public SuggestedTimeouts {
        if (haTimeout < 10 || startDaemon < 1 || script < 1) {
            throw new IllegalArgumentException("timeouts: ha-timeout must be at least 10 s and the others positive");
        }
    }
}
