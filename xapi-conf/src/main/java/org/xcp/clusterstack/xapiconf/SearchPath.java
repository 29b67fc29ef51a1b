package org.xcp.clusterstack.xapiconf;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * xapi's {@code canonicalise} for resource paths: a relative value (the empty string included) is replaced
 * by the first directory on the search path under which it exists; without a match it stays as it is.
 */
final class SearchPath {
    private SearchPath() {
    }

    /**
     * Splits a colon-separated list the way xapi does: every field is kept, and an empty field is the
     * empty path, i.e. the current directory.
     */
    static List<Path> split(String colonSeparated) {
        List<Path> dirs = new ArrayList<>();
        for (String field : colonSeparated.split(":", -1)) {
            try {
                dirs.add(Path.of(field));
            } catch (InvalidPathException e) {
                // A field Java cannot name (it holds NUL, say) is dropped; with a NUL it never matches for xapi either.
            }
        }
        return dirs;
    }

    static String canonicalise(String value, List<Path> dirs) {
        if (value.startsWith("/")) {
            return value;
        }
        for (Path dir : dirs) {
            try {
                Path candidate = dir.resolve(value);
                // Sys.file_exists follows symbolic links, as Files.exists does. A match found through an
                // empty (current-directory) field is made absolute so later readers do not depend on the
                // working directory; at this moment the two name the same file.
                if (Files.exists(candidate)) {
                    return candidate.toAbsolutePath().toString();
                }
            } catch (InvalidPathException e) {
                return value; // no field can match a value Java cannot name; the start-up check reports it
            }
        }
        return value;
    }
}
