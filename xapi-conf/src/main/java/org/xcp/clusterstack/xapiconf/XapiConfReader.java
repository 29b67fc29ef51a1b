package org.xcp.clusterstack.xapiconf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;

/**
 * Reads xapi's configuration files exactly as xapi does (selector.md §3.1, xapi's {@code xcp_service.ml}),
 * so that one file means the same thing to both. Only the keys of {@link XapiConf} and xapi's
 * {@code search-path} (which the root lookup needs) are used; every other key is ignored.
 *
 * <p>The result is not checked against the framework rule; call {@link XapiConf#validate()} at start-up.
 */
public final class XapiConfReader {
    /** xapi.conf is a few KB; a file far larger is not one. */
    static final long MAX_FILE_BYTES = 1 << 20;

    public static final String DEFAULT_CONF_FILE_NAME = "/etc/xapi.conf";
    public static final String DEFAULT_CONF_DIR_NAME = "/etc/xapi.conf.d";
    public static final Path DEFAULT_CONF_FILE = Path.of(DEFAULT_CONF_FILE_NAME);
    public static final Path DEFAULT_CONF_DIR = Path.of(DEFAULT_CONF_DIR_NAME);
    /** xapi's own search-path option; the shipped xapi.conf sets it. */
    static final String SEARCH_PATH_KEY = "search-path";

    private XapiConfReader() {
    }

    /** {@code /etc/xapi.conf}, {@code /etc/xapi.conf.d/}, and {@code $PATH}. */
    public static XapiConf readDefault() {
        return read(DEFAULT_CONF_FILE, DEFAULT_CONF_DIR, pathFromEnvironment());
    }

    public static XapiConf read(Path confFile, Path confDir) {
        return read(confFile, confDir, pathFromEnvironment());
    }

    /**
     * @param searchPath where a relative {@code cluster-stack-root} is looked up first (xapi uses
     *     {@code $PATH}); the {@code search-path} values in the files are searched after it, as in xapi
     * @throws HaException {@link ExitCode#INVALID_ENVIRONMENT} if a file that must be read cannot be, or a
     *     value cannot be represented in Java (not UTF-8, or a root path holding NUL)
     */
    public static XapiConf read(Path confFile, Path confDir, List<Path> searchPath) {
        Values values = new Values(List.copyOf(searchPath));
        for (Path file : files(confFile, confDir)) {
            readFile(file, values);
        }
        return values.result();
    }

    /**
     * The files xapi reads, in its order: the file if it exists, then every entry of the directory in
     * byte-wise name order. Hidden files and editor backups are entries too. A directory that is missing
     * or cannot be listed contributes nothing, as in xapi, which ignores that failure.
     */
    public static List<Path> files(Path confFile, Path confDir) {
        List<Path> files = new ArrayList<>();
        // Sys.file_exists, like Files.exists, follows symbolic links: a dangling one counts as absent.
        if (Files.exists(confFile)) {
            files.add(confFile);
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(confDir)) {
            stream.forEach(entries::add);
        } catch (IOException | DirectoryIteratorException e) {
            entries.clear(); // xapi: (try Sys.readdir dir with _ -> [||])
        }
        entries.sort((a, b) -> Arrays.compareUnsigned(nameBytes(a), nameBytes(b)));
        files.addAll(entries);
        return files;
    }

    /** {@code $PATH} split as xapi splits it; unset means empty. */
    public static List<Path> pathFromEnvironment() {
        String path = System.getenv("PATH");
        return path == null ? List.of() : SearchPath.split(path);
    }

    private static byte[] nameBytes(Path entry) {
        return entry.getFileName().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Every entry is read as a file. xapi opens each entry and reads it line by line; for a
     * subdirectory (or a dangling link, or a permission error) that read fails and xapi does not start.
     * So such an entry is not skipped: it is the same start-up failure here.
     */
    private static void readFile(Path file, Values values) {
        byte[] bytes;
        try { // a FIFO or a device in xapi.conf.d is refused before it is opened: opening a FIFO blocks
            bytes = InputFile.read(file, "an xapi config file", MAX_FILE_BYTES, ExitCode.INVALID_ENVIRONMENT,
                    ExitCode.INVALID_ENVIRONMENT);
        } catch (HaException e) {
            String prefix = file + ": "; // InputFile's messages begin with the file
            String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            throw new HaException(ExitCode.INVALID_ENVIRONMENT,
                    "cannot read xapi config file " + Text.quote(file) + ": " + why, e);
        }
        // ISO-8859-1 maps each byte to one char: the syntax works on bytes, as xapi's does, and no line
        // can fail to decode. Lines end at LF only, like OCaml's input_line; a CR stays in the line.
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNumber = i + 1;
            ConfLine.parse(lines[i]).ifPresent(a -> values.assign(file, lineNumber, a));
        }
    }

    /** The values as assignments arrive; the last assignment of a key wins. */
    private static final class Values {
        private final List<Path> searchPath;
        private final List<Path> extraSearchPath = new ArrayList<>();
        private String root = XapiConf.DEFAULT_CLUSTER_STACK_ROOT.toString();
        private Origin rootOrigin = Origin.builtIn(root);
        private String stackDefault = XapiConf.DEFAULT_CLUSTER_STACK_DEFAULT;
        private Origin defaultOrigin = Origin.builtIn(stackDefault);

        Values(List<Path> searchPath) {
            this.searchPath = searchPath;
        }

        void assign(Path file, int line, ConfLine.Assignment assignment) {
            switch (assignment.key()) {
                case XapiConf.ROOT_KEY -> {
                    String written = decode(file, line, assignment);
                    // xapi canonicalises when the value is set and once more after all files are read.
                    root = SearchPath.canonicalise(written, lookupPath());
                    rootOrigin = Origin.at(file, line, written);
                }
                case XapiConf.DEFAULT_KEY -> {
                    stackDefault = decode(file, line, assignment);
                    defaultOrigin = Origin.at(file, line, stackDefault);
                }
                // Not "last wins": every search-path assignment is put in front of the earlier ones.
                case SEARCH_PATH_KEY -> extraSearchPath.addAll(0, searchPathEntries(assignment.value()));
                default -> {
                    // Unknown keys are ignored silently, as xapi does (§3.1 rule 6).
                }
            }
        }

        XapiConf result() {
            String effective = SearchPath.canonicalise(root, lookupPath());
            Path rootPath;
            try {
                rootPath = Path.of(effective);
            } catch (InvalidPathException e) {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, XapiConf.ROOT_KEY + " "
                        + Text.quote(rootOrigin.written()) + " (from " + rootOrigin.where()
                        + ") is not a usable path: " + e.getReason());
            }
            return new XapiConf(rootPath, stackDefault, new Origins(rootOrigin, defaultOrigin));
        }

        private List<Path> lookupPath() {
            List<Path> all = new ArrayList<>(searchPath);
            all.addAll(extraSearchPath);
            return all;
        }

        /** Java strings (and so paths) cannot hold arbitrary bytes; a kept value must be UTF-8. */
        private static String decode(Path file, int line, ConfLine.Assignment assignment) {
            return strictUtf8(assignment.value()).orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT,
                    assignment.key() + " " + Text.quoteBytes(assignment.value()) + " (from " + file + ":" + line
                            + ") is not valid UTF-8"));
        }

        /** Java cannot name a directory whose name is not UTF-8, so such an entry is dropped. */
        private static List<Path> searchPathEntries(String latin1) {
            List<Path> dirs = new ArrayList<>();
            for (String field : latin1.split(":", -1)) {
                strictUtf8(field).ifPresent(f -> dirs.addAll(SearchPath.split(f)));
            }
            return dirs;
        }

        private static Optional<String> strictUtf8(String latin1) {
            try {
                return Optional.of(StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(latin1.getBytes(StandardCharsets.ISO_8859_1)))
                        .toString());
            } catch (CharacterCodingException e) {
                return Optional.empty();
            }
        }
    }
}
