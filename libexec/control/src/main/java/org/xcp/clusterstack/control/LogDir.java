package org.xcp.clusterstack.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.OneLine;

/**
 * Where one host's daemon keeps what must survive a reboot, the one a fence causes included:
 * {@code <base>/<stack>/<host UUID>/}, beside the run directory's socket, pid, lock and snapshot in {@code /run}
 * (a tmpfs). It holds the daemon's log ({@link #daemonLog}), the JVM's own output ({@link #processOutput}) and the
 * event journal ({@link #journal}). Several hosts sharing a machine (tests, the demo, the lab) each have their own.
 */
public record LogDir(Path dir) {
    /** The base on a real host; the installer may choose another one (tests do). */
    public static final String DEFAULT_BASE_DIR = "/var/log/cluster-stack";
    public static final Path DEFAULT_BASE = Path.of(DEFAULT_BASE_DIR);

    public static LogDir of(Path base, String stack, HaUuid host) {
        return new LogDir(base.resolve(stack).resolve(host.dashed()));
    }

    /** The daemon's log: one line per event, with its level. */
    public Path daemonLog() {
        return dir.resolve("daemon.log");
    }

    /** What the JVM itself prints (a crash, an error before the log opens). */
    public Path processOutput() {
        return dir.resolve("daemon.out");
    }

    /** The event journal: one JSON object per line, each synced to disk before the daemon acts on it. */
    public Path journal() {
        return dir.resolve("events.jsonl");
    }

    /** Creates the directory (0750) and its parents. */
    public void create() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.getParent());
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwxr-x---")));
            }
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, OneLine.of("cannot create the log directory " + dir + ": "
                    + e));
        }
    }
}
