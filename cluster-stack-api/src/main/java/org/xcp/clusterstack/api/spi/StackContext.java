package org.xcp.clusterstack.api.spi;

import java.util.Objects;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.fault.FaultInjection;

/**
 * What the daemon host gives a stack's engine: the parsed config, the fencer chosen by its
 * {@code WatchdogMode}, a log, a way to say "the liveset or state changed" so that the host
 * republishes it for the scripts, the fault points switched on for tests, and the stack's own settings.
 */
public record StackContext(DaemonConfig config, Fencer fencer, EngineLog log, Runnable changed, FaultInjection faults,
        StackSettings settings) {
    public StackContext {
        Objects.requireNonNull(settings);
        Objects.requireNonNull(config);
        Objects.requireNonNull(fencer);
        Objects.requireNonNull(log);
        Objects.requireNonNull(changed);
        Objects.requireNonNull(faults);
    }
}
