package org.xcp.clusterstack.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

/**
 * Where one host's daemon keeps its run-time files: {@code <base>/<stack>/<host UUID, 32 hex digits>/}.
 * Deriving the place from the stack and the local HostID lets several hosts share a machine (tests, the
 * demo). The directory is root-only (0700), so the control socket inside it is too.
 */
public record RunDir(Path dir) {
    /** The base on a real host; the installer may choose another one (tests do). */
    public static final String DEFAULT_BASE_DIR = "/run/cluster-stack";
    public static final Path DEFAULT_BASE = Path.of(DEFAULT_BASE_DIR);

    public static RunDir of(Path base, String stack, HaUuid host) {
        return under(base, stack, host.compact());
    }

    /**
     * The layout with the host's directory named as text: the installer renders it with shell variables for
     * the scripts' fast path, so the shell and this record name the same place.
     */
    public static RunDir under(Path base, String stack, String hostDirectory) {
        return new RunDir(base.resolve(stack).resolve(hostDirectory));
    }

    public Path socket() {
        return dir.resolve("control.sock");
    }

    public Path pidFile() {
        return dir.resolve("pid");
    }

    public Path lockFile() {
        return dir.resolve("lock");
    }

    public Path log() {
        return dir.resolve("daemon.log");
    }

    /** The liveset the daemon keeps current for {@code ha_query_liveset}'s fast path. */
    public Path livesetSnapshot() {
        return dir.resolve("liveset.xml");
    }

    /** Why the daemon's last start failed ({@link StartReport}); read by {@code ha_start_daemon}. */
    public Path startReport() {
        return dir.resolve("start-report");
    }

    public Path userWatchdogScript() {
        return dir.resolve("user-watchdog");
    }

    public void create() {
        try {
            Files.createDirectories(dir.getParent());
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot create the run directory " + dir + ": " + e);
        }
    }
}
