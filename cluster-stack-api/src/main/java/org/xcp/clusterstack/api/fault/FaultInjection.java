package org.xcp.clusterstack.api.fault;

/**
 * What an engine asks of the fault points switched on for a test: whether one fires now. The daemon host
 * gives every engine one (the registry that the scripts' {@code fist} verb and {@code ha_start_daemon}'s
 * fault arguments switch); in production none is on.
 */
@FunctionalInterface
public interface FaultInjection {
    /** None switched on: nothing ever fires. */
    FaultInjection NONE = point -> false;

    /** Whether {@code point} fires now. */
    boolean fires(FaultPoint point);
}
