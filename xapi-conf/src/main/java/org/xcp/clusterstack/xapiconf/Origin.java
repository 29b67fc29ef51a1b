package org.xcp.clusterstack.xapiconf;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an effective configuration value came from, so that admins can be told which line to edit: a
 * file and a 1-based line, or the built-in default (line 0). {@code written} is the value exactly as that
 * line gave it after xapi's syntax rules, before any search-path lookup.
 */
public record Origin(Optional<Path> file, int line, String written) {
    public Origin {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(written, "written");
        if (file.isPresent() ? line < 1 : line != 0) {
            throw new IllegalArgumentException("a file origin needs a line >= 1, the default has line 0");
        }
    }

    public static Origin builtIn(String value) {
        return new Origin(Optional.empty(), 0, value);
    }

    public static Origin at(Path file, int line, String written) {
        return new Origin(Optional.of(file), line, written);
    }

    public boolean isDefault() {
        return file.isEmpty();
    }

    /** {@code /etc/xapi.conf:12}, or {@code default}. */
    public String where() {
        return file.map(f -> f + ":" + line).orElse("default");
    }

    @Override
    public String toString() {
        return where();
    }
}
