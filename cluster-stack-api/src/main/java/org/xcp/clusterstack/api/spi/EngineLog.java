package org.xcp.clusterstack.api.spi;

/** The daemon's log (a file under the host's run directory); engines never print to stdout. */
@FunctionalInterface
public interface EngineLog {
    void info(String message);

    default void warn(String message) {
        info("WARNING " + message);
    }
}
