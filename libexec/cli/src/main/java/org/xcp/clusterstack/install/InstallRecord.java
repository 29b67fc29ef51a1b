package org.xcp.clusterstack.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an install wrote in a directory, kept in its {@code .installed}: installing again replaces those files and
 * removes those it no longer writes, never anything else. Every file is written atomically (a temporary file
 * beside it, then a rename).
 */
final class InstallRecord {
    static final String FILE_NAME = ".installed";

    private InstallRecord() {
    }

    /** The names an earlier install recorded in {@code dir}; none if it has no record. */
    static Set<String> read(Path dir) throws IOException {
        Path record = dir.resolve(FILE_NAME);
        if (!Files.exists(record)) {
            return Set.of();
        }
        return Files.readAllLines(record).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.contains("..") && !l.startsWith("/"))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static void write(Path dir, Set<String> written) throws IOException {
        atomicWrite(dir.resolve(FILE_NAME), String.join("\n", written) + "\n", false);
    }

    /**
     * Removes what {@code previous} recorded and this install did not write (ours, no longer shipped), then the
     * directories that held only such files (the {@code lib/} of the layout that copied the jars into every stack).
     */
    static void removeNoLongerWritten(Path dir, Set<String> previous, Set<String> written) throws IOException {
        Set<Path> parents = new LinkedHashSet<>();
        for (String old : previous) {
            if (!written.contains(old)) {
                Path p = dir.resolve(old);
                Files.deleteIfExists(p);
                if (!p.getParent().equals(dir)) {
                    parents.add(p.getParent());
                }
            }
        }
        for (Path parent : parents) {
            if (Files.isDirectory(parent)) {
                try (var left = Files.list(parent)) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(parent);
                    }
                }
            }
        }
    }

    static void atomicWrite(Path target, String content, boolean executable) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void copy(Path source, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
