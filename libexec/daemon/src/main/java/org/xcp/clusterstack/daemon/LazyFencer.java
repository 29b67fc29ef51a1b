package org.xcp.clusterstack.daemon;

import java.util.function.Supplier;
import org.xcp.clusterstack.api.spi.Fencer;

/**
 * A fencer opened only when first armed. A stack whose manager fences (o2cb, Melio) never arms it, so the
 * daemon never opens {@code /dev/watchdog} next to the manager's own fencer: many watchdog drivers start
 * counting on open, and that would be a second fencer (stacks.md §5.1).
 */
final class LazyFencer implements Fencer {
    private final Supplier<Fencer> opener;
    private Fencer fencer;

    LazyFencer(Supplier<Fencer> opener) {
        this.opener = opener;
    }

    @Override
    public synchronized void arm() {
        if (fencer == null) {
            fencer = opener.get();
        }
        fencer.arm();
    }

    @Override
    public synchronized void pet() {
        if (fencer != null) {
            fencer.pet();
        }
    }

    @Override
    public synchronized void disarm() {
        if (fencer != null) {
            fencer.disarm();
        }
    }

    @Override
    public synchronized boolean isArmed() {
        return fencer != null && fencer.isArmed();
    }

    @Override
    public void fenceNow(String reason) {
        Fencer f;
        synchronized (this) {
            f = fencer;
        }
        if (f != null) {
            f.fenceNow(reason);
        }
    }

    @Override
    public synchronized void close() {
        if (fencer != null) {
            fencer.close();
        }
    }
}
