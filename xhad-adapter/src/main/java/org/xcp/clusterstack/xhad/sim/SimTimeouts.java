package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.Parameter;

/**
 * The timing parameters a simulated pool's xhad.conf carries (spec §3.5), in whole seconds as the file holds
 * them. {@link #SHORT} is {@link SimTiming}'s fast profile for the behaviour tests; {@link #xapi(int)} is what
 * xapi derives from its HA timeout T, so fault schedules run with the figures of a real pool.
 */
public record SimTimeouts(Duration t1, Duration bigT1, Duration t2, Duration bigT2, Duration wh, Duration ws,
        Duration tboot, Duration tenable) {

    public static final SimTimeouts SHORT = new SimTimeouts(SimTiming.HEARTBEAT_INTERVAL,
            SimTiming.HEARTBEAT_TIMEOUT, SimTiming.STATEFILE_INTERVAL, SimTiming.STATEFILE_TIMEOUT,
            SimTiming.HEARTBEAT_WATCHDOG, SimTiming.STATEFILE_WATCHDOG, SimTiming.BOOT_JOIN_TIMEOUT,
            SimTiming.ENABLE_JOIN_TIMEOUT);

    /** xapi at T = 10: t1 = t2 = 2, T1 = T2 = Wh = 10, Ws = 25, Tboot = Tenable = 70. */
    public static final SimTimeouts XAPI_T10 = xapi(10);

    public SimTimeouts {
        for (Duration d : new Duration[] {t1, bigT1, t2, bigT2, wh, ws, tboot, tenable}) {
            if (d.isNegative() || d.isZero() || d.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("timeouts are whole positive seconds, not " + d);
            }
        }
    }

    /** The timeouts an xhad.conf holds (its own figures or the defaults of spec §3.5). */
    public static SimTimeouts of(DaemonConfig c) {
        return new SimTimeouts(c.parameters().seconds(Parameter.HEARTBEAT_INTERVAL), c.parameters().seconds(Parameter.HEARTBEAT_TIMEOUT),
                c.parameters().seconds(Parameter.STATEFILE_INTERVAL), c.parameters().seconds(Parameter.STATEFILE_TIMEOUT),
                c.parameters().seconds(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT), c.parameters().seconds(Parameter.STATEFILE_WATCHDOG_TIMEOUT),
                c.parameters().seconds(Parameter.BOOT_JOIN_TIMEOUT), c.parameters().seconds(Parameter.ENABLE_JOIN_TIMEOUT));
    }

    /** Xapi_ha.Timeouts.derive (spec §3.5). */
    public static SimTimeouts xapi(int t) {
        if (t < 10) {
            throw new IllegalArgumentException("xapi refuses an HA timeout below 10 s, not " + t);
        }
        return new SimTimeouts(s(Math.min((t + 10) / 10, 3)), s(t), s(Math.max(2, t / 20)), s(t), s(t), s(t + 15),
                s(t + 60), s(t + 60));
    }

    /** §7.3 FH4: max(max(Wh, Ws) − min(T1, T2) + max(t1, t2), 10 s). */
    public Duration fh4Wait() {
        return SimTiming.max(SimTiming.max(wh, ws).minus(SimTiming.min(bigT1, bigT2)).plus(maxInterval()),
                Duration.ofSeconds(10));
    }

    public Duration maxInterval() {
        return SimTiming.max(t1, t2);
    }

    public Duration maxTimeout() {
        return SimTiming.max(bigT1, bigT2);
    }

    public Duration maxWatchdog() {
        return SimTiming.max(wh, ws);
    }

    /** §5.5: a statefile cycle is t2 with ±500 ms jitter, so the longest gap between two reads. */
    public Duration longestCycle() {
        return t2.plusMillis(500);
    }

    private static Duration s(int seconds) {
        return Duration.ofSeconds(seconds);
    }
}
