package org.xcp.clusterstack.recover;

/** The fixes recover applies itself, after typed confirmation; every other case's fix is advice only. */
public enum RecoveryAction {
    /** Remove the pid file and the liveset snapshot, holding the host's lock so that no daemon starts meanwhile. */
    REMOVE_STALE_PID,
    /** End the process that holds the host's lock and is not a daemon (SIGTERM, then SIGKILL after 10 s). */
    END_LOCK_HOLDER,
    /**
     * Clear this host's excluded flag in its own statefile section, as {@code ha_clear_excluded} does without a
     * daemon, holding the host's lock, after proving that no other host writes the statefile.
     */
    CLEAR_EXCLUDED
}
