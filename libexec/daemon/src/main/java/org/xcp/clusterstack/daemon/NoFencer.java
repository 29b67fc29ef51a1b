package org.xcp.clusterstack.daemon;

import java.util.function.IntConsumer;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.Fencer;

/**
 * {@code WatchdogMode NONE}: nothing resets this host. For diagnostics only, and it says so.
 *
 * <p>Decision: a self-fence while armed still ends the daemon ({@link Runtime#halt}), as xhad's USER and
 * NONE modes abort the process (spec §7.4): the host lost, so it must stop taking part in the pool (stop
 * heartbeating, stop writing the statefile, stop answering the master lock) even though nobody resets it.
 * Its VMs keep running, which is why NONE is for diagnostics only. It ends with 2 like the other fencers, where
 * xhad's failed {@code assert} aborts with 134 (SIGABRT) and a core file: 2 is an xhad exit code, the one xhad maps
 * a lost survival rule and a fence request to, so a harness waiting on the daemon reads a known code
 * (docs/exit-codes.md, "Where we differ from xhad").
 */
final class NoFencer implements Fencer {
    private final EngineLog log;
    private final IntConsumer halt;
    private volatile boolean armed;

    NoFencer(EngineLog log) {
        this(log, Runtime.getRuntime()::halt);
    }

    NoFencer(EngineLog log, IntConsumer halt) {
        this.log = log;
        this.halt = halt;
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
        if (!armed) {
            log.warn("self-fence not done, fencing is disarmed: " + reason);
            return;
        }
        log.warn("WatchdogMode NONE: would self-fence now: " + reason + "; this host is NOT fenced;"
                + " ending the daemon");
        halt.accept(DevWatchdogFencer.FENCED_STATUS);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
