package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.api.spi.Fencer;

/** {@code WatchdogMode NONE}: nothing ever fences this host. For diagnostics only, and it says so. */
final class NoFencer implements Fencer {
    private final DaemonLog log;
    private volatile boolean armed;

    NoFencer(DaemonLog log) {
        this.log = log;
        log.warn("WatchdogMode NONE: this host will NOT be fenced, whatever happens (diagnostics only)");
    }

    @Override
    public void arm() {
        armed = true;
    }

    @Override
    public void pet() {
        // no watchdog to pet
    }

    @Override
    public void disarm() {
        armed = false;
    }

    @Override
    public boolean isArmed() {
        return armed;
    }

    @Override
    public void fenceNow(String reason) {
        if (armed) {
            log.warn("WatchdogMode NONE: would fence now (" + reason + "); ending the daemon instead");
            Runtime.getRuntime().halt(2);
        }
    }

    @Override
    public void close() {
        // nothing to release
    }
}
