package org.xcp.clusterstack.api;

/**
 * The executables every stack directory holds (spec §1.3), with what each does. xapi runs them by these
 * exact names from {@code <cluster-stack-root>/<stack>/}.
 */
public enum HaScript {
    SET_POOL_STATE("ha_set_pool_state", "set the pool state in the statefile: init, active or invalid"),
    START_DAEMON("ha_start_daemon", "start this host's daemon; returns once the host is Online"),
    STOP_DAEMON("ha_stop_daemon", "stop this host's daemon cleanly; no daemon is success"),
    QUERY_LIVESET("ha_query_liveset", "print this host's liveset XML"),
    PROPOSE_MASTER("ha_propose_master", "ask for the master lock; prints TRUE or FALSE"),
    DISARM_FENCING("ha_disarm_fencing", "turn this host's self-fencing off"),
    SET_EXCLUDED("ha_set_excluded", "mark this host as having left the pool on purpose"),
    CLEAR_EXCLUDED("ha_clear_excluded", "clear this host's excluded flag");

    private final String fileName;
    private final String purpose;

    HaScript(String fileName, String purpose) {
        this.fileName = fileName;
        this.purpose = purpose;
    }

    public String fileName() {
        return fileName;
    }

    public String purpose() {
        return purpose;
    }

    /** The verb the scripts' client knows it by: the file name without {@code ha_}. */
    public String verb() {
        return fileName.substring("ha_".length());
    }
}
