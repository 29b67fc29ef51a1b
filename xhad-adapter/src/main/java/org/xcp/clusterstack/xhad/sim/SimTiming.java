package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;

/**
 * The short timeouts every simulated pool runs with (whole seconds, as xhad.conf holds them). Ws is larger
 * than T1 + 10 s so that the FH4 wait of spec §7.3 comes from its formula, not from its 10 s floor; Tenable
 * and Tboot differ so that a test can tell which one a start used.
 */
public final class SimTiming {
    public static final Duration TICK = Duration.ofMillis(50);

    public static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);      // t1
    public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(4);       // T1
    public static final Duration STATEFILE_INTERVAL = Duration.ofSeconds(1);      // t2
    public static final Duration STATEFILE_TIMEOUT = Duration.ofSeconds(4);       // T2
    public static final Duration HEARTBEAT_WATCHDOG = Duration.ofSeconds(4);      // Wh
    public static final Duration STATEFILE_WATCHDOG = Duration.ofSeconds(15);     // Ws
    public static final Duration BOOT_JOIN_TIMEOUT = Duration.ofSeconds(20);      // Tboot
    public static final Duration ENABLE_JOIN_TIMEOUT = Duration.ofSeconds(12);    // Tenable

    /** §5.5: a statefile cycle is t2 with ±500 ms jitter, so the longest gap between two reads. */
    public static final Duration LONGEST_CYCLE = STATEFILE_INTERVAL.plusMillis(500);

    /** §7.3 FH4: max(max(Wh, Ws) − min(T1, T2) + max(t1, t2), 10 s) = 15 − 4 + 1 = 12 s. */
    public static final Duration FH4_WAIT = max(max(HEARTBEAT_WATCHDOG, STATEFILE_WATCHDOG)
            .minus(min(HEARTBEAT_TIMEOUT, STATEFILE_TIMEOUT)).plus(max(HEARTBEAT_INTERVAL, STATEFILE_INTERVAL)),
            Duration.ofSeconds(10));

    private SimTiming() {
    }

    static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
