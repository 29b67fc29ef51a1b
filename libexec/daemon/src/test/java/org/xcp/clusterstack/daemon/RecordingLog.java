package org.xcp.clusterstack.daemon;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xcp.clusterstack.api.spi.EngineLog;

/** An engine log kept in memory, and a halt that records its status instead of ending the test JVM. */
final class RecordingLog implements EngineLog {
    final List<String> lines = new CopyOnWriteArrayList<>();
    final List<Integer> halts = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    void halt(int status) {
        halts.add(status);
    }

    String all() {
        return String.join("\n", lines);
    }
}
