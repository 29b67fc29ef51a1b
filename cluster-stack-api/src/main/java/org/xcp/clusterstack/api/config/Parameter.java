package org.xcp.clusterstack.api.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The integer leaves of {@code <parameters>} (spec §3.5): element name, the spec's symbol and xhad's
 * default in seconds (or a count, for {@link #XAPI_RESTART_ATTEMPTS}).
 */
public enum Parameter {
    HEARTBEAT_INTERVAL("HeartbeatInterval", "t1", 4),
    HEARTBEAT_TIMEOUT("HeartbeatTimeout", "T1", 30),
    STATEFILE_INTERVAL("StateFileInterval", "t2", 4),
    STATEFILE_TIMEOUT("StateFileTimeout", "T2", 30),
    HEARTBEAT_WATCHDOG_TIMEOUT("HeartbeatWatchdogTimeout", "Wh", 30),
    STATEFILE_WATCHDOG_TIMEOUT("StateFileWatchdogTimeout", "Ws", 45),
    BOOT_JOIN_TIMEOUT("BootJoinTimeout", "Tboot", 90),
    ENABLE_JOIN_TIMEOUT("EnableJoinTimeout", "Tenable", 90),
    XAPI_HEALTH_CHECK_INTERVAL("XapiHealthCheckInterval", "tXapi", 60),
    XAPI_HEALTH_CHECK_TIMEOUT("XapiHealthCheckTimeout", "TXapi", 10),
    XAPI_RESTART_ATTEMPTS("XapiRestartAttempts", "RestartXapi", 1),
    XAPI_RESTART_TIMEOUT("XapiRestartTimeout", "TRestartXapi", 30),
    /** Written by some xapi versions, unused by the daemon; still validated like the others. */
    XAPI_LICENSE_CHECK_TIMEOUT("XapiLicenseCheckTimeout", "Tlicense", 30);

    /**
     * Largest accepted value: seconds whose milliseconds still fit the signed 32-bit fields of the
     * statefile, the heartbeat and the liveset ({@code 2^31 / 1000}).
     */
    public static final int MAX_VALUE = 2_147_483;

    private final String element;
    private final String symbol;
    private final int defaultValue;

    Parameter(String element, String symbol, int defaultValue) {
        this.element = element;
        this.symbol = symbol;
        this.defaultValue = defaultValue;
    }

    public String element() {
        return element;
    }

    public String symbol() {
        return symbol;
    }

    public int defaultValue() {
        return defaultValue;
    }

    /** Zero restart attempts is a meaningful choice ("never restart xapi"); a zero interval or timeout is not. */
    public int minimum() {
        return this == XAPI_RESTART_ATTEMPTS ? 0 : 1;
    }

    public static Optional<Parameter> byElement(String element) {
        return Arrays.stream(values()).filter(p -> p.element.equals(element)).findFirst();
    }
}
