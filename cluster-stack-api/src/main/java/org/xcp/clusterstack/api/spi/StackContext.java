package org.xcp.clusterstack.api.spi;

import java.util.Objects;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.fault.FaultInjection;

/**
 * What the daemon host gives a stack's engine: the parsed config, the fencer chosen by its
 * {@code WatchdogMode}, a log, a way to say "the liveset or state changed" so that the host
 * republishes it for the scripts, the fault points switched on for tests, the stack's own settings, and the
 * commands that check and restart xapi (spec §7.4).
 */
public record StackContext(DaemonConfig config, Fencer fencer, EngineLog log, Runnable changed, FaultInjection faults,
        StackSettings settings, XapiCommands xapi) {
    /** A context without xapi to watch (tests, and the source a managed stack opens). */
    public StackContext(DaemonConfig config, Fencer fencer, EngineLog log, Runnable changed, FaultInjection faults,
            StackSettings settings) {
        this(config, fencer, log, changed, faults, settings, XapiCommands.NONE);
    }

    public StackContext {
        Objects.requireNonNull(xapi);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(config);
        Objects.requireNonNull(fencer);
        Objects.requireNonNull(log);
        Objects.requireNonNull(changed);
        Objects.requireNonNull(faults);
    }
}
