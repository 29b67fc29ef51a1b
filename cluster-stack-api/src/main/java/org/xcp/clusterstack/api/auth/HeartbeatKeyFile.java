package org.xcp.clusterstack.api.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;

/**
 * The key file of authenticated heartbeats ({@code docs/heartbeat-auth.md}): lines {@code current HEX},
 * optional {@code next HEX} and {@code previous HEX}, {@code #} comments. It must be a regular file owned by
 * the user reading it (root, for the daemon) that nobody else may read or write: a pool key others can read is
 * no key. A missing file is exit 6 and anything else wrong exit 7, in one line naming the file (and the line),
 * as for {@code xhad.conf}.
 */
public final class HeartbeatKeyFile {
    /** The stack setting naming the key file ({@code <dir of xhad.conf>/cluster-stack/xhad.conf}). */
    public static final String SETTING = "heartbeat-key";
    /** Three lines of 64 hex digits and a comment fit many times over. */
    public static final long MAX_BYTES = 4096;
    private static final Path SELF = Path.of("/proc/self");
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String HEADER = "# cluster-stack heartbeat key: every host of the pool holds the same file "
            + "(docs/heartbeat-auth.md)\n";

    private HeartbeatKeyFile() {
    }

    /** The keys in {@code file}, after checking that it is a root-only regular file. */
    public static HeartbeatKeys read(Path file) {
        byte[] bytes = InputFile.read(file, "heartbeat key file", MAX_BYTES, ExitCode.CAN_NOT_READ_CONFIG_FILE,
                ExitCode.INVALID_CONFIG_FILE);
        requirePrivate(file);
        return parse(file, new String(bytes, StandardCharsets.US_ASCII));
    }

    /** The format alone: {@code file} names the source in errors. */
    public static HeartbeatKeys parse(Path file, String text) {
        HeartbeatKey current = null;
        HeartbeatKey next = null;
        HeartbeatKey previous = null;
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length != 2) {
                throw invalid(file, n, "expected '<current|next|previous> <64 hex digits>'");
            }
            HeartbeatKey key;
            try {
                key = HeartbeatKey.fromHex(words[1]);
            } catch (IllegalArgumentException e) {
                throw invalid(file, n, e.getMessage());
            }
            switch (words[0]) {
                case "current" -> current = once(file, n, current, key);
                case "next" -> next = once(file, n, next, key);
                case "previous" -> previous = once(file, n, previous, key);
                default -> throw invalid(file, n, "unknown word '" + shown(words[0])
                        + "' (expected current, next or previous)");
            }
        }
        if (current == null) {
            throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ": no 'current' key");
        }
        try {
            return new HeartbeatKeys(current, Optional.ofNullable(next), Optional.ofNullable(previous));
        } catch (IllegalArgumentException e) {
            throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ": " + e.getMessage());
        }
    }

    /** The file's text for {@code keys}. */
    public static String render(HeartbeatKeys keys) {
        StringBuilder text = new StringBuilder(HEADER);
        text.append("current ").append(keys.current().hex()).append('\n');
        keys.next().ifPresent(k -> text.append("next ").append(k.hex()).append('\n'));
        keys.previous().ifPresent(k -> text.append("previous ").append(k.hex()).append('\n'));
        return text.toString();
    }

    /**
     * Writes {@code keys} to {@code file} whole or not at all: a temporary file created with mode 0600 in the
     * same directory, then moved over the old one, so that no reader ever sees half a key or a readable key.
     */
    public static void write(Path file, HeartbeatKeys keys) {
        write(file, keys, true);
    }

    /**
     * As {@link #write(Path, HeartbeatKeys)}; unless {@code replace}, an existing file (even one made a moment ago
     * by someone else) is left as it is and refused with exit 1.
     */
    public static void write(Path file, HeartbeatKeys keys, boolean replace) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(tmp, render(keys), StandardCharsets.US_ASCII);
            if (!replace) {
                try {
                    Files.createLink(file, tmp); // link(2) refuses an existing name: no window for a race
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    throw new HaException(ExitCode.INVALID_PARAMETER, file + ": exists; not replaced");
                }
                return;
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot write the heartbeat key file " + file + ": "
                    + reason(e));
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move took it, or there is nothing more we can do about a stray temporary file
                }
            }
        }
    }

    /** Owned by whoever reads it (root, for the daemon), and no access for group or others. */
    public static void requirePrivate(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            Set<PosixFilePermission> loose = EnumSet.copyOf(mode);
            loose.removeAll(OWNER_ONLY);
            if (!loose.isEmpty()) {
                throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ": mode "
                        + PosixFilePermissions.toString(mode) + " lets other users at the pool key (chmod 600 "
                        + file + ")");
            }
            int owner = (Integer) Files.getAttribute(file, "unix:uid");
            int me = (Integer) Files.getAttribute(SELF, "unix:uid"); // /proc/self belongs to whoever we run as
            if (owner != me) {
                throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ": owned by uid " + owner
                        + ", not by uid " + me + " who reads it (chown it)");
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new HaException(ExitCode.INVALID_CONFIG_FILE, file + ": cannot check its owner and mode: "
                    + reason(e));
        }
    }

    private static String reason(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static HeartbeatKey once(Path file, int n, HeartbeatKey seen, HeartbeatKey key) {
        if (seen != null) {
            throw invalid(file, n, "this kind of key is given twice");
        }
        return key;
    }

    private static HaException invalid(Path file, int n, String what) {
        return new HaException(ExitCode.INVALID_CONFIG_FILE, file + ":" + (n + 1) + ": " + what);
    }

    /**
     * A word from the file, cut short and printable, so that a binary file cannot garble the one line; never a run
     * of hex digits, which may be a key written in the wrong place.
     */
    private static String shown(String word) {
        if (word.length() > 8 && word.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return "<" + word.length() + " hex digits>";
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < word.length() && i < 20; i++) {
            char c = word.charAt(i);
            s.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return word.length() > 20 ? s + "..." : s.toString();
    }
}
