package org.xcp.clusterstack.daemon;

import java.time.Duration;

/**
 * What the control socket holds at most, whatever root's programs do to it: connections open, threads
 * working on requests, and how long a connection may take to send its request and to take its reply.
 */
record ControlLimits(int maxConnections, int quickHandlers, int waitingHandlers, Duration readTimeout,
        Duration writeTimeout) {
    /**
     * The daemon's. xapi runs its scripts one at a time under its HA lock, plus {@code ha_query_liveset} every
     * 20 s and an admin's {@code cluster-stack status}: three or four at once. 64 connections is many times
     * that and still a few KiB of buffers; beyond it the oldest idle connection is closed, or with every slot
     * holding a request the new one is answered 3 (transient), which xapi retries.
     *
     * <p>Four handler threads for the requests that may wait on the statefile or the other hosts
     * ({@code propose_master} up to max(T1, T2), {@code set_pool_state}, {@code set_excluded},
     * {@code clear_excluded}, {@code disarm_fencing}), four for those answered at once ({@code query_liveset},
     * {@code state}, {@code status}, {@code fist}, {@code stop_daemon}): a pile of waiting requests never delays
     * the liveset, and the daemon has at most eight of them however many connect.
     *
     * <p>The scripts' client writes its request as soon as it has connected, so 5 s to send a line of at most
     * 256 bytes is only ever exceeded by a connection that sends nothing. The time to answer is the handler's
     * own (bounded by the engine); 10 s to take a reply of a few KiB is only exceeded by a client that stopped
     * reading.
     */
    static final ControlLimits DAEMON = new ControlLimits(64, 4, 4, Duration.ofSeconds(5), Duration.ofSeconds(10));

    ControlLimits {
        if (maxConnections < 1 || quickHandlers < 1 || waitingHandlers < 1 || readTimeout.isNegative()
                || readTimeout.isZero() || writeTimeout.isNegative() || writeTimeout.isZero()) {
            throw new IllegalArgumentException("control socket limits must be positive: " + maxConnections + ", "
                    + quickHandlers + ", " + waitingHandlers + ", " + readTimeout + ", " + writeTimeout);
        }
    }
}
