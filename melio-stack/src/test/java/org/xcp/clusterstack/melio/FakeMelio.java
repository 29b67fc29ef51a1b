package org.xcp.clusterstack.melio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A fake {@code melio-cluster} the tests write: a bash script whose verbs run the bash code a test gives.
 * By default {@code status} prints the file {@code status} beside it (so a test changes the answer between
 * views with {@link #answers}; no file = the service is down, cat exits 1) and {@code disarm-fencing} exits 0.
 * Every call appends its verb to {@code calls}.
 */
final class FakeMelio {
    static final String PRINT_STATUS_FILE = "cat \"$here/status\"";

    private final Path dir;
    private String status = PRINT_STATUS_FILE;
    private String disarm = "exit 0";

    private FakeMelio(Path dir) {
        this.dir = dir;
    }

    static FakeMelio in(Path dir) {
        return new FakeMelio(dir).write();
    }

    Path command() {
        return dir.resolve("melio-cluster");
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    /** Bash code run for {@code status}; {@code $here} is the fake's directory. */
    FakeMelio onStatus(String code) {
        status = code;
        return write();
    }

    /** Bash code run for {@code disarm-fencing}. */
    FakeMelio onDisarm(String code) {
        disarm = code;
        return write();
    }

    /** What the default {@code status} prints from now on. */
    FakeMelio answers(String text) {
        try {
            Files.writeString(dir.resolve("status"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    List<String> calls() {
        try {
            Path calls = dir.resolve("calls");
            return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written beside and moved into place, so that no half-written script is ever run. */
    private FakeMelio write() {
        String script = "#!/bin/bash\n"
                + "# a fake melio-cluster written by the melio-stack tests\n"
                + "here='" + dir + "'\n"
                + "echo \"$1\" >> \"$here/calls\"\n"
                + "case \"$1\" in\n"
                + "  status)\n" + status + "\n  ;;\n"
                + "  disarm-fencing)\n" + disarm + "\n  ;;\n"
                + "  *) echo \"unknown verb: $1\" >&2; exit 64 ;;\n"
                + "esac\n";
        try {
            Path next = Files.createTempFile(dir, "melio-cluster", ".next",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            Files.writeString(next, script);
            Files.move(next, command(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
