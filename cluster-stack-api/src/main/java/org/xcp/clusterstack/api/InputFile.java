package org.xcp.clusterstack.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every file the tools and the daemon read goes through here first, so that what is not a regular file of a
 * sane size is refused with one line and its exit code <em>before</em> it is opened: opening a FIFO blocks
 * until a writer comes, {@code /dev/zero} never ends, and a file of gigabytes is not a config. Symbolic links
 * are followed as {@code open(2)} follows them; the file they lead to is what must be regular.
 *
 * <p>The checks are made on the path and the open follows: a path swapped for a FIFO between the two still
 * blocks, which only someone who may write the file's directory can arrange. Reads take at most
 * {@code maxBytes + 1} bytes, so a file that grows while it is read is refused as well. JDK only; the
 * file type comes from the {@code unix} attribute view's {@code st_mode} where the JDK has it (Linux).
 */
public final class InputFile {
    private static final int S_IFMT = 0170000;
    private static final int S_IFIFO = 0010000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFSOCK = 0140000;

    /** The most {@link #read} takes into one array. */
    public static final long MAX_READ = Integer.MAX_VALUE - 16;

    /** Internal: marks "nothing there" for {@link #readIfPresent}; never thrown out of it. */
    private static final ExitCode ABSENT = ExitCode.INTERNAL_BUG;

    private InputFile() {
    }

    /** What a path leads to, after symbolic links; {@link #OTHER} where the JDK cannot tell more. */
    public enum Kind {
        REGULAR_FILE("a regular file"),
        DIRECTORY("a directory"),
        FIFO("a FIFO"),
        SOCKET("a socket"),
        CHARACTER_DEVICE("a character device"),
        BLOCK_DEVICE("a block device"),
        OTHER("not a regular file");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        /** With its article, for messages: "a FIFO". */
        public String words() {
            return words;
        }
    }

    /** What {@link #requireStatefile} found: its kind, and its size when it is a regular file (else 0). */
    public record Found(Kind kind, long size) {
    }

    /**
     * The whole content of {@code file}, which must be a regular file of at most {@code maxBytes} bytes.
     *
     * @param what the kind of file with its article, for the message: "an xhad.conf", "a stack manifest"
     * @param missing the exit code when nothing is at {@code file} ("{@code <file>: no such file}")
     * @param invalid the exit code for everything else: not a regular file ("{@code <file>: is a FIFO, not a
     *     regular file}"), too large ("{@code <file>: 1.2 GiB is larger than the 1 MiB an xhad.conf can be}"),
     *     unreadable ("{@code <file>: cannot be read: permission denied}")
     * @throws HaException with {@code missing} or {@code invalid} and a one-line message naming {@code file}
     */
    public static byte[] read(Path file, String what, long maxBytes, ExitCode missing, ExitCode invalid) {
        if (maxBytes < 0 || maxBytes > MAX_READ) {
            throw new IllegalArgumentException("maxBytes " + maxBytes + " is outside 0.." + MAX_READ);
        }
        long size = requireRegular(file, what, maxBytes, missing, invalid);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = new byte[(int) Math.min(size, maxBytes) + 1];
            int n = 0;
            while (true) {
                if (n == bytes.length) {
                    if (n > maxBytes) {
                        throw new HaException(invalid, OneLine.of(file + ": grew past the " + bytes(maxBytes)
                                + " " + what + " can be while it was read"));
                    }
                    bytes = Arrays.copyOf(bytes, (int) Math.min(maxBytes + 1, 2L * n + 1));
                }
                int r = in.read(bytes, n, bytes.length - n);
                if (r < 0) {
                    return Arrays.copyOf(bytes, n);
                }
                n += r;
            }
        } catch (NoSuchFileException e) {
            throw new HaException(missing, OneLine.of(file + ": no such file"), e);
        } catch (IOException e) {
            throw new HaException(invalid, OneLine.of(file + ": cannot be read: " + reason(e)), e);
        }
    }

    /**
     * Like {@link #read} for a file that may be absent: empty when nothing is at {@code file} (a dangling link
     * included), else its content or {@code invalid} as {@link #read} says.
     */
    public static Optional<byte[]> readIfPresent(Path file, String what, long maxBytes, ExitCode invalid) {
        try {
            return Optional.of(read(file, what, maxBytes, ABSENT, invalid));
        } catch (HaException e) {
            if (e.exitCode() == ABSENT && invalid != ABSENT) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Like {@link #read}, decoded as UTF-8: bytes that are not UTF-8 are {@code invalid} too
     * ("{@code <file>: is not UTF-8 text}").
     */
    public static String readUtf8(Path file, String what, long maxBytes, ExitCode missing, ExitCode invalid) {
        return utf8(file, read(file, what, maxBytes, missing, invalid), invalid);
    }

    /** {@code bytes} read from {@code file} as strict UTF-8, else {@code invalid}: "{@code <file>: is not UTF-8 text}". */
    public static String utf8(Path file, byte[] bytes, ExitCode invalid) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HaException(invalid, OneLine.of(file + ": is not UTF-8 text"), e);
        }
    }

    /**
     * Checks without reading that {@code file} is a regular file of at most {@code maxBytes} bytes, with the
     * codes and messages of {@link #read}; returns its size.
     */
    public static long requireRegular(Path file, String what, long maxBytes, ExitCode missing, ExitCode invalid) {
        BasicFileAttributes attributes = attributes(file, missing, invalid);
        Kind kind = kind(file, attributes);
        if (kind != Kind.REGULAR_FILE) {
            throw notRegular(file, kind, invalid);
        }
        if (attributes.size() > maxBytes) {
            long size = attributes.size(); // just over the limit: the exact count, as rounding would hide it
            throw tooLarge(file, size < 2 * maxBytes ? size + " bytes" : bytes(size), what, maxBytes, invalid);
        }
        return attributes.size();
    }

    /**
     * Checks that {@code file} can be a statefile before it is opened: a block device (on a real host) or a
     * regular file (a file SR, tests) of at least {@code minBytes} (0 where the caller formats a short file);
     * a FIFO, socket, character device or directory is refused, as is a missing file.
     *
     * @throws HaException with {@code missing} when nothing is at {@code file}, else {@code invalid}; the
     *     message is "{@code statefile <file>: is a FIFO, not a regular file or a block device}"
     */
    public static Found requireStatefile(Path file, long minBytes, ExitCode missing, ExitCode invalid) {
        BasicFileAttributes attributes = attributes(file, missing, invalid, "statefile " + file);
        Kind kind = kind(file, attributes);
        if (kind == Kind.BLOCK_DEVICE) {
            return new Found(kind, 0); // fstat reports 0 for a device; its reads tell whether it is long enough
        }
        if (kind != Kind.REGULAR_FILE) {
            throw new HaException(invalid, OneLine.of("statefile " + file + ": is " + kind.words()
                    + (kind == Kind.OTHER ? "" : ", not a regular file") + " or a block device"));
        }
        if (attributes.size() < minBytes) {
            throw new HaException(invalid, OneLine.of("statefile " + file + ": is " + attributes.size()
                    + " bytes, shorter than a statefile (" + minBytes + " bytes)"));
        }
        return new Found(kind, attributes.size());
    }

    /** The kind of what {@code file} leads to; {@link Kind#OTHER} also when it cannot be looked at. */
    public static Kind kindOf(Path file) {
        try {
            return kind(file, Files.readAttributes(file, BasicFileAttributes.class));
        } catch (IOException | RuntimeException e) {
            return Kind.OTHER;
        }
    }

    /** A size for people: "512 bytes", "1 MiB", "1.2 GiB". */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String number = v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
        return number + " " + units[u];
    }

    private static BasicFileAttributes attributes(Path file, ExitCode missing, ExitCode invalid) {
        return attributes(file, missing, invalid, file.toString());
    }

    private static BasicFileAttributes attributes(Path file, ExitCode missing, ExitCode invalid, String name) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class); // follows links, as open(2) does
        } catch (NoSuchFileException | NotDirectoryException e) {
            throw new HaException(missing, OneLine.of(name + ": no such file"), e);
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) { // ENOTDIR: a path through a file leads nowhere
                throw new HaException(missing, OneLine.of(name + ": no such file"), e);
            }
            throw new HaException(invalid, OneLine.of(name + ": cannot be read: " + reason(e)), e);
        } catch (IOException e) {
            throw new HaException(invalid, OneLine.of(name + ": cannot be read: " + reason(e)), e);
        }
    }

    private static Kind kind(Path file, BasicFileAttributes a) {
        if (a.isRegularFile()) {
            return Kind.REGULAR_FILE;
        }
        if (a.isDirectory()) {
            return Kind.DIRECTORY;
        }
        try {
            Object mode = Files.getAttribute(file, "unix:mode"); // st_mode; Linux and other Unix JDKs
            if (mode instanceof Integer m) {
                return kindOfMode(m);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // no unix view here: "not a regular file" is all we can say
        }
        return Kind.OTHER;
    }

    /** The kind {@code st_mode}'s file type bits say. */
    static Kind kindOfMode(int mode) {
        return switch (mode & S_IFMT) {
            case S_IFREG -> Kind.REGULAR_FILE;
            case S_IFDIR -> Kind.DIRECTORY;
            case S_IFIFO -> Kind.FIFO;
            case S_IFSOCK -> Kind.SOCKET;
            case S_IFCHR -> Kind.CHARACTER_DEVICE;
            case S_IFBLK -> Kind.BLOCK_DEVICE;
            default -> Kind.OTHER;
        };
    }

    private static HaException notRegular(Path file, Kind kind, ExitCode invalid) {
        return new HaException(invalid, OneLine.of(file + ": is " + kind.words()
                + (kind == Kind.OTHER ? "" : ", not a regular file")));
    }

    private static HaException tooLarge(Path file, String size, String what, long maxBytes, ExitCode invalid) {
        return new HaException(invalid, OneLine.of(file + ": " + size + " is larger than the " + bytes(maxBytes)
                + " " + what + " can be"));
    }

    /** The OS's words without the path Java repeats in front of them. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
