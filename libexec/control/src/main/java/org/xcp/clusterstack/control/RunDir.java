package org.xcp.clusterstack.control;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.OneLine;

/**
 * Where one host's daemon keeps its run-time files: {@code <base>/<stack>/<host UUID, 32 hex digits>/}.
 * Deriving the place from the stack and the local HostID lets several hosts share a machine (tests, the
 * demo). Every level is root-only (0700): the host's directory, so that the control socket inside it is too, and
 * the base and the stack's directory, whose listings would name the stacks and the hosts ({@link #create}).
 */
public record RunDir(Path dir) {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

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

    /**
     * Creates the three levels root-only (0700), and makes existing ones 0700: the base and the stack's directory
     * too, since their listings name the stacks and the hosts. A base that is a shared sticky directory (such as
     * {@code /tmp}, a misconfiguration) is left as it is: its stack directory is what hides the hosts then.
     */
    public void create() {
        Path stackDir = dir.getParent();
        Path base = stackDir.getParent();
        try {
            if (base != null) {
                if (base.getParent() != null) {
                    Files.createDirectories(base.getParent()); // /run and above: the system's, modes untouched
                }
                privateDirectory(base, true);
            }
            privateDirectory(stackDir, false);
            privateDirectory(dir, false);
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, OneLine.of("cannot create the run directory " + dir + ": "
                    + e));
        }
    }

    private static void privateDirectory(Path d, boolean mayBeShared) throws IOException {
        if (!Files.isDirectory(d)) {
            try {
                Files.createDirectory(d, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(d)) {
                    throw e;
                }
                // another start created it meanwhile: its mode is fixed below like any existing one
            }
        }
        if (mayBeShared && sticky(d)) {
            return;
        }
        if (!Files.getPosixFilePermissions(d).equals(PRIVATE)) { // the umask may have taken, an old one may add
            Files.setPosixFilePermissions(d, PRIVATE);
        }
    }

    private static boolean sticky(Path d) throws IOException {
        try {
            return (((Integer) Files.getAttribute(d, "unix:mode")) & 01000) != 0;
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }
}
