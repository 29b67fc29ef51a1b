package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A watchdog device that records what was done to it; {@code failing} makes every call fail. */
final class FakeWatchdog implements WatchdogDevice {
    final List<String> calls = new ArrayList<>();
    String failing;

    @Override
    public int setTimeout(int seconds) throws IOException {
        record("timeout " + seconds);
        return seconds;
    }

    @Override
    public void keepAlive() throws IOException {
        record("keepalive");
    }

    @Override
    public void magicClose() throws IOException {
        record("magic-close");
    }

    @Override
    public void close() throws IOException {
        record("close");
    }

    private void record(String call) throws IOException {
        calls.add(call);
        if (failing != null && call.startsWith(failing)) {
            throw new IOException(call + ": ENOTTY (Inappropriate ioctl for device)");
        }
    }
}
