package org.xcp.clusterstack.daemon.managed;

import java.util.concurrent.atomic.AtomicInteger;
import org.xcp.clusterstack.api.spi.Fencer;

/** A fencer that records what the engine asked of it; "fencing" only marks it fenced. */
final class RecordingFencer implements Fencer {
    final AtomicInteger pets = new AtomicInteger();
    private volatile boolean armed;
    private volatile boolean everArmed;
    private volatile String fenced;

    @Override
    public void arm() {
        armed = true;
        everArmed = true;
    }

    @Override
    public void pet() {
        if (armed) {
            pets.incrementAndGet();
        }
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
            fenced = reason;
        }
    }

    boolean everArmed() {
        return everArmed;
    }

    String fenced() {
        return fenced;
    }

    @Override
    public void close() {
    }
}
