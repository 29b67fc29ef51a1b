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
 * Where one host's daemon keeps its run-time files: {@code <base>/<stack>/<host UUID, 32 hex digits>/}, in
 * {@code /run} (a tmpfs): the control socket, the pid file, the lock and the liveset snapshot, plus the two files
 * the daemon exchanges with processes at run time, the start report ({@code ha_start_daemon} reads it) and the user
 * watchdog's script. Nothing here survives a reboot, so nothing a person needs afterwards is kept here: the logs
 * and the event journal are in the {@link LogDir}. Deriving the place from the stack and the local HostID lets
 * several hosts share a machine (tests, the demo). Every level is root-only (0700): the host's directory, so that the control socket inside it is too, and
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

    /**
     * The stacks that have a directory under {@code base}: every stack whose daemon runs, or ran, on this machine,
     * found by what is on disk rather than by which stacks a class path holds (a third-party stack's jars are on its
     * own daemon's class path only). Sorted; none when the base does not exist.
     */
    public static java.util.SortedSet<String> stacksUnder(Path base) throws java.io.IOException {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        if (java.nio.file.Files.isDirectory(base)) {
            try (var dirs = java.nio.file.Files.list(base)) {
                dirs.filter(java.nio.file.Files::isDirectory).forEach(d -> names.add(d.getFileName().toString()));
            }
        }
        return names;
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
                privateDirectory(base, Layout.BASE);
            }
            privateDirectory(stackDir, Layout.STACK);
            privateDirectory(dir, Layout.HOST);
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, OneLine.of("cannot create the run directory " + dir + ": "
                    + e));
        }
    }

    /** The three levels of the layout, and what a directory at each level holds when it is ours. */
    private enum Layout {
        BASE, STACK, HOST
    }

    /**
     * Creates {@code d} root-only, or makes an existing one root-only, but only when it is plainly ours: the host's
     * own directory, or a stack or base directory holding nothing but the layout's directories. A run directory
     * put somewhere unusual (a test's temporary directory, whose parents are {@code /tmp} and {@code /}) must never
     * change the mode of a directory the system or others share.
     */
    private static void privateDirectory(Path d, Layout level) throws IOException {
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
        if (level != Layout.HOST && (sticky(d) || !holdsOnly(d, level))) {
            return;
        }
        if (!Files.getPosixFilePermissions(d).equals(PRIVATE)) { // the umask may have taken, an old one may add
            Files.setPosixFilePermissions(d, PRIVATE);
        }
    }

    /** Whether every entry of {@code d} is what the layout puts there: host directories, or stack directories of them. */
    private static boolean holdsOnly(Path d, Layout level) throws IOException {
        try (var entries = Files.list(d)) {
            for (Path e : (Iterable<Path>) entries::iterator) {
                boolean fits = Files.isDirectory(e, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && (level == Layout.STACK ? isHostDirectory(e) : holdsOnly(e, Layout.STACK));
                if (!fits) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isHostDirectory(Path e) {
        String name = e.getFileName().toString();
        if (name.length() != 32) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.digit(name.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean sticky(Path d) throws IOException {
        try {
            return (((Integer) Files.getAttribute(d, "unix:mode")) & 01000) != 0;
        } catch (UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return false;
        }
    }
}
