package org.xcp.clusterstack.common.sim;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** A simulated pool on a virtual clock: it advances one tick per {@link #step()}, and nothing else moves it. */
public interface VirtualTime {
    /** Virtual time since the pool began. */
    Duration time();

    /** Advances the clock by one tick and lets every host take its turn. */
    void step();

    /** Steps until {@code condition} holds (checked now and after every step), at most {@code limit}. */
    default Optional<Duration> runUntil(Duration limit, BooleanSupplier condition) {
        Duration end = time().plus(limit);
        while (!condition.getAsBoolean()) {
            if (time().compareTo(end) >= 0) {
                return Optional.empty();
            }
            step();
        }
        return Optional.of(time());
    }

    default void runFor(Duration span) {
        Duration end = time().plus(span);
        while (time().compareTo(end) < 0) {
            step();
        }
    }
}
