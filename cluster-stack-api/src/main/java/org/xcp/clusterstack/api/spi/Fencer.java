package org.xcp.clusterstack.api.spi;

/**
 * How a host fences itself (spec §7.4). Armed when the host goes Online; while armed, the engine must
 * {@link #pet()} it more often than its timeout or the host is reset. Disarmed, it never fires.
 */
public interface Fencer extends AutoCloseable {
    /** Starts the countdown; from now on a missed {@link #pet()} fences the host. */
    void arm();

    /** Resets the countdown. A no-op while disarmed. */
    void pet();

    /** Stops the countdown for good ({@code ha_disarm_fencing}, clean stop). */
    void disarm();

    boolean isArmed();

    /** Fences the host now if armed (lost the survival rule, fenced by a peer); returns if disarmed. */
    void fenceNow(String reason);

    /** Releases the device. Closing an armed fencer leaves it armed (the trap of spec §7.7). */
    @Override
    void close();
}
