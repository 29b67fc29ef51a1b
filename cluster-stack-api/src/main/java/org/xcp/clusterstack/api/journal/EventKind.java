package org.xcp.clusterstack.api.journal;

import java.util.Arrays;
import java.util.Optional;

/** What a journal entry records; {@link #wire} is the {@code kind} field of its line. */
public enum EventKind {
    /** The daemon started: stack, config, WatchdogMode, process hygiene. */
    DAEMON_STARTED("daemon-started"),
    /** This host joined the liveset ({@code ha_start_daemon} returns 0). */
    ONLINE("online"),
    /** A host was counted into this host's liveset. */
    HOST_JOINED("host-joined"),
    /** A host left this host's liveset: why, and the evidence (no heartbeat since when, the rule, its inputs). */
    HOST_DROPPED("host-dropped"),
    /** The fault handler's verdict (FH3): the survival rule, its inputs, and whether this host's side survives. */
    SURVIVAL_RULE("survival-rule"),
    /** This host set {@code fence_request} for hosts that lost. */
    FENCE_REQUESTED("fence-requested"),
    /** This host fences itself now: written and synced before the fencer is told. */
    SELF_FENCE("self-fence"),
    /** This host stopped petting its watchdog (a statefile cycle stuck too long): the watchdog fires next. */
    WATCHDOG_UNPETTED("watchdog-unpetted"),
    /** The watchdog fired: written by the user-space watchdog, which outlives the daemon it watches. */
    WATCHDOG_FIRED("watchdog-fired"),
    ARMED("armed"),
    DISARMED("disarmed"),
    /** The pool's master changed, as the statefile's global section says, or this host took the lock. */
    MASTER_LOCK("master-lock"),
    /** The pool state changed (INIT, ACTIVE, INVALID), by this host's request or as read. */
    POOL_STATE("pool-state"),
    /** This host's excluded flag was set or cleared. */
    EXCLUDED("excluded"),
    /** This host lost or regained access to the statefile. */
    STATEFILE_ACCESS("statefile-access"),
    /** xapi's health check failed (spec §7.4): how (its exit status, or killed at TXapi) and what it printed. */
    XAPI_CHECK_FAILED("xapi-check-failed"),
    /** This host restarted xapi after a failed health check: the attempt, how it ended, how many are left today. */
    XAPI_RESTART("xapi-restart"),
    /** The daemon ended: its exit code and why. */
    DAEMON_ENDED("daemon-ended"),
    /**
     * {@code cluster-stack recover} applied a fix on this host after typed confirmation: the diagnosis, its
     * evidence and what it did. Written by the CLI, not the daemon ({@code seq} 0).
     */
    RECOVERY("recovery");

    private final String wire;

    EventKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<EventKind> fromWire(String text) {
        return Arrays.stream(values()).filter(k -> k.wire.equals(text)).findFirst();
    }
}
