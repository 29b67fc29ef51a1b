package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.xcp.clusterstack.api.spi.EngineLog;

/** The daemon's log file: one timestamped line per event, appended, flushed at once. */
final class DaemonLog implements EngineLog {
    private final PrintStream out;

    DaemonLog(Path file) throws IOException {
        this.out = new PrintStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void info(String message) {
        out.println(Instant.now() + " [" + ProcessHandle.current().pid() + "] " + message);
    }
}
