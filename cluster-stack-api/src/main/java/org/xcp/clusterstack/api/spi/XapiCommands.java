package org.xcp.clusterstack.api.spi;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * How the daemon host runs xapi's health check and restarts xapi for an engine (spec §7.4): each on a thread of
 * the host's own, never the engine's, with its limit enforced. The engine decides when and what a result means;
 * this only runs the commands the stack's settings name ({@code xapi-health-check-command},
 * {@code xapi-restart-command}).
 */
public interface XapiCommands extends AutoCloseable {
    /** No xapi to watch on this host: nothing is ever run. */
    XapiCommands NONE = new XapiCommands() {
        @Override
        public boolean present() {
            return false;
        }

        @Override
        public void healthCheck(long id, Duration limit, Consumer<XapiOutcome> done) {
            done.accept(new XapiOutcome(id, XapiOutcome.Ended.NOT_STARTED, -1, "", 0, "no xapi on this host"));
        }

        @Override
        public void restart(long id, Duration limit, Consumer<XapiOutcome> done) {
            done.accept(new XapiOutcome(id, XapiOutcome.Ended.NOT_STARTED, -1, "", 0, "no xapi on this host"));
        }

        @Override
        public void close() {
        }
    };

    /** Whether this host has an xapi to watch (its health check exists); without one the engine runs nothing. */
    boolean present();

    /** Runs the health check, killed at {@code limit}; {@code done} gets its outcome, on another thread. */
    void healthCheck(long id, Duration limit, Consumer<XapiOutcome> done);

    /** Runs the restart command, killed at {@code limit}; {@code done} gets its outcome, on another thread. */
    void restart(long id, Duration limit, Consumer<XapiOutcome> done);

    /** Kills what still runs; nothing is reported after this. */
    @Override
    void close();
}
