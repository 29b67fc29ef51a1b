package org.xcp.clusterstack.ocfs2.o2cb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.InputFile;

/**
 * Reads configfs attribute files strictly: each holds one value and a newline; a missing or garbled one is
 * exit 16 (the environment is not what o2cb writes) with one line naming the path.
 */
final class ConfigfsFiles {
    /** A configfs attribute is at most a page; 64 KiB leaves room. */
    static final long MAX_FILE_BYTES = 64 << 10;

    private ConfigfsFiles() {
    }

    static String text(Path file) {
        return optionalText(file).orElseThrow(() -> failure(file, "is missing"));
    }

    /** The value, or empty if the file does not exist. */
    static Optional<String> optionalText(Path file) {
        // configfs attributes are regular files of at most a page; anything else is refused before it is opened
        return InputFile.readIfPresent(file, "a configfs attribute", MAX_FILE_BYTES, ExitCode.INVALID_ENVIRONMENT)
                .map(bytes -> InputFile.utf8(file, bytes, ExitCode.INVALID_ENVIRONMENT).strip());
    }

    static long number(Path file, long min, long max) {
        String v = text(file);
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw failure(file, "expected a number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw failure(file, "expected " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    /** The sub-directories of {@code dir}, by name. */
    static List<Path> directories(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.filter(Files::isDirectory).sorted().toList());
        } catch (NoSuchFileException e) {
            throw failure(dir, "is missing");
        } catch (IOException e) {
            throw failure(dir, "cannot be listed: " + e.getMessage());
        }
    }

    static HaException failure(Path path, String problem) {
        return new HaException(ExitCode.INVALID_ENVIRONMENT, path + ": " + problem);
    }
}
