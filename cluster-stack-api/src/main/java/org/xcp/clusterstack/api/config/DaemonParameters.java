package org.xcp.clusterstack.api.config;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** The values of {@code <parameters>}, xhad's defaults filled in for every leaf the file omits. */
public record DaemonParameters(Map<Parameter, Integer> values) {
    public DaemonParameters {
        EnumMap<Parameter, Integer> all = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            int v = values.getOrDefault(p, p.defaultValue());
            if (v < p.minimum() || v > Parameter.MAX_VALUE) {
                throw new IllegalArgumentException(p.element() + " " + v + " is outside " + p.minimum() + ".."
                        + Parameter.MAX_VALUE);
            }
            all.put(p, v);
        }
        values = Collections.unmodifiableMap(all);
    }

    public static DaemonParameters defaults() {
        return new DaemonParameters(Map.of());
    }

    public int get(Parameter p) {
        return values.get(p);
    }

    public Duration seconds(Parameter p) {
        return Duration.ofSeconds(values.get(p));
    }

    public Duration heartbeatInterval() {
        return seconds(Parameter.HEARTBEAT_INTERVAL);
    }

    public Duration heartbeatTimeout() {
        return seconds(Parameter.HEARTBEAT_TIMEOUT);
    }

    public Duration statefileInterval() {
        return seconds(Parameter.STATEFILE_INTERVAL);
    }

    public Duration statefileTimeout() {
        return seconds(Parameter.STATEFILE_TIMEOUT);
    }

    public Duration heartbeatWatchdogTimeout() {
        return seconds(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT);
    }

    public Duration statefileWatchdogTimeout() {
        return seconds(Parameter.STATEFILE_WATCHDOG_TIMEOUT);
    }

    public Duration bootJoinTimeout() {
        return seconds(Parameter.BOOT_JOIN_TIMEOUT);
    }

    public Duration enableJoinTimeout() {
        return seconds(Parameter.ENABLE_JOIN_TIMEOUT);
    }

    /** max(t1, t2): the slower of the two cycles. */
    public Duration longestInterval() {
        return max(heartbeatInterval(), statefileInterval());
    }

    /** min(T1, T2): the sooner a silent host is noticed on either channel. */
    public Duration shortestTimeout() {
        return heartbeatTimeout().compareTo(statefileTimeout()) <= 0 ? heartbeatTimeout() : statefileTimeout();
    }

    /** max(Wh, Ws): a host whose watchdogs were last refreshed this long ago has surely been reset. */
    public Duration longestWatchdogTimeout() {
        return max(heartbeatWatchdogTimeout(), statefileWatchdogTimeout());
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
