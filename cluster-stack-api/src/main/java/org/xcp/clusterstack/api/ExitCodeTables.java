package org.xcp.clusterstack.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Renders the copies of {@link ExitCode} that scripts and people read: a shell rc file and a Markdown
 * table. The build runs {@link #main} into its output directory, so the rc file it packages can never drift
 * from the enum; the committed docs/exit-codes.md is checked against {@link #markdown} by a test, and
 * {@link #REGENERATE_DOCS} rewrites it.
 */
public final class ExitCodeTables {
    /** Name of the rc file inside this jar and inside every installed stack directory. */
    public static final String RC_FILE_NAME = "ha_exit_codes.rc";
    /** The command, run from the repository's root, that rewrites docs/exit-codes.md from the enum. */
    public static final String REGENERATE_DOCS = "mvn -q -pl cluster-stack-api compile exec:java@update-docs";

    private ExitCodeTables() {
    }

    /** POSIX shell assignments {@code MTC_EXIT_NAME=n}, one per code, for {@code . ha_exit_codes.rc}. */
    public static String shellRc() {
        StringBuilder out = new StringBuilder()
                .append("# shellcheck shell=sh disable=SC2034\n")
                .append("# xhad exit codes. Generated from ExitCode.java by the build; do not edit.\n");
        for (ExitCode code : ExitCode.values()) {
            out.append(code.xhadName()).append('=').append(code.number())
                    .append("  # ").append(code.meaning()).append('\n');
        }
        return out.toString();
    }

    /** The table of docs/exit-codes.md. */
    public static String markdown() {
        StringBuilder out = new StringBuilder()
                .append("# Exit codes\n\n")
                .append("Rendered from `cluster-stack-api/src/main/java/org/xcp/clusterstack/api/ExitCode.java`; ")
                .append("do not edit: `").append(REGENERATE_DOCS).append("` rewrites it, and a test fails ")
                .append("while it differs.\n")
                .append("Numbers and names are xhad's (`xenserver/xha include/mtcerrno.def`); every script and the ")
                .append("`cluster-stack` CLI exit with one of these.\n\n")
                .append("| code | name | meaning |\n")
                .append("|---|---|---|\n");
        for (ExitCode code : ExitCode.values()) {
            out.append("| ").append(code.number()).append(" | `").append(code.xhadName()).append("` | ")
                    .append(code.meaning()).append(" |\n");
        }
        return out.toString();
    }

    /** {@code ExitCodeTables RC_PATH MARKDOWN_PATH}: writes both files atomically. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: ExitCodeTables RC_PATH MARKDOWN_PATH");
        }
        writeAtomically(Path.of(args[0]), shellRc());
        writeAtomically(Path.of(args[1]), markdown());
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
