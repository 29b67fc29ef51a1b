package org.xcp.clusterstack.scripts;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;
import org.xcp.clusterstack.control.RunDir;

/** The daemon's process as its pid file names it, if that process is alive. */
final class DaemonProcess {
    private DaemonProcess() {
    }

    static Optional<ProcessHandle> of(RunDir runDir) {
        try {
            long pid = Long.parseLong(Files.readString(runDir.pidFile()).strip());
            return ProcessHandle.of(pid).filter(DaemonProcess::isRunning);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Alive and not a zombie: a detached daemon's parent is whatever reaps orphans, which may take its time
     * (seconds in some containers), and an exited daemon must not look like one that is still stopping.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(java.nio.file.Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || stat.length() <= afterName + 2 || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone between the two checks
        }
    }
}
