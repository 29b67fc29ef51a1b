package org.xcp.clusterstack.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.xcp.clusterstack.daemon.RunDir;

/** The daemon's process as its pid file names it, if that process is alive. */
final class DaemonProcess {
    private DaemonProcess() {
    }

    static Optional<ProcessHandle> of(RunDir runDir) {
        try {
            long pid = Long.parseLong(Files.readString(runDir.pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
