package org.xcp.clusterstack.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;

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

    /** docs/exit-codes.md: the table, then what a failing script prints and where we differ from xhad. */
    public static String markdown() {
        StringBuilder out = new StringBuilder()
                .append("# Exit codes\n\n")
                .append("Rendered from `cluster-stack-api/src/main/java/org/xcp/clusterstack/api/ExitCode.java`; ")
                .append("do not edit: `").append(REGENERATE_DOCS).append("` rewrites it, and a test fails ")
                .append("while it differs.\n")
                .append("Numbers and names are xhad's (`xenserver/xha include/mtcerrno.def`); every script and the ")
                .append("`cluster-stack` CLI exit with one of these.\n\n")
                .append("| code | name | meaning | a failed script's line ends with |\n")
                .append("|---|---|---|---|\n");
        for (ExitCode code : ExitCode.values()) {
            out.append("| ").append(code.number()).append(" | `").append(code.xhadName()).append("` | ")
                    .append(code.meaning()).append(" | ").append(code.advice()).append(" |\n");
        }
        ZonedDateTime when = ZonedDateTime.of(2026, 12, 7, 8, 35, 53, 0, ZoneId.of("UTC"));
        return out.append(STDERR.replace("{{EXAMPLES}}", String.join("\n",
                FailureLine.of(when, "ha_start_daemon", ExitCode.CAN_NOT_JOIN_EXISTING_LIVESET,
                        "the live members 0 (772c21cf), 1 (9e0f1a2b) did not take this host in within 300 s"
                                + " (BootJoinTimeout): 1 (9e0f1a2b) never proposed it, 1 (9e0f1a2b) do not hear its"
                                + " heartbeats; this host hears heartbeats from 0 (772c21cf) and sees statefile writes"
                                + " from 0 (772c21cf), 1 (9e0f1a2b)"),
                FailureLine.of(when, "ha_start_daemon", ExitCode.DAEMON_IS_PRESENT,
                        "a daemon already runs for this host (/run/cluster-stack/xhad/6b3f9b2c-1d8e-4a51-9f0e-"
                                + "2c6a1b7d3e01)"),
                FailureLine.of(when, "ha_query_liveset", ExitCode.DAEMON_IS_NOT_PRESENT,
                        "no daemon runs for this host (/run/cluster-stack/xhad/6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01)"),
                FailureLine.of(when, "ha_set_pool_state", ExitCode.INVALID_PARAMETER,
                        "unknown pool state 'activ' (init, active or invalid)")))).toString();
    }

    /** The part of docs/exit-codes.md after the table; the example lines are rendered by {@link FailureLine}. */
    private static final String STDERR = """

            ## What a failed script prints

            Nothing on stdout, and one line on stderr, in the shape of xhad's scripts (`xenserver/xha
            scripts/ha_rc`): what `date` prints with no locale set, the script, why it failed, what to do (the last
            column above), and the exit code in parentheses (`FailureLine`). A script that succeeds prints nothing on
            stderr, except `ha_stop_daemon` when it had to kill a daemon that did not stop within 120 s.

            ```
            {{EXAMPLES}}
            ```

            The reason comes with the failure: the daemon's reply to the script, or, for `ha_start_daemon`, the
            daemon's start report (its run directory's `start-report`); a daemon that ended without one is named with
            its exit status and its log files. xapi logs a failed script's stdout and stderr at debug level, after a
            warning of its own that names the code and xhad's description of it (`ocaml/xapi/helpers.ml`
            `call_script`, `ocaml/xapi/xha_scripts.ml`); it never parses stderr, and it drops the stderr of a
            script that succeeded.

            ## Where we differ from xhad, on purpose

            - xhad prints such a line only from its shell scripts: not root or PATH wrong (16), a missing or unknown
              argument (1), `init` while a daemon may run (15), and a failed start, whose line only says that the
              daemon stopped without forming a liveset, whatever the code. When its C helpers fail (`calldaemon`,
              `writestatefile`) it prints nothing, or a line without date or code. Every failure of ours has its line.
            - A daemon that ends while starting with a status outside this table (a signal, a crashed JVM) makes
              `ha_start_daemon` exit 2 (`MTC_EXIT_SYSTEM_ERROR`), naming the status; xhad's passes the number on,
              and xapi then fails with "Unrecognised MTC exit code".
            - A self-fence while armed ends our daemon with 2 (`MTC_EXIT_SYSTEM_ERROR`) in every `WatchdogMode`:
              HYPERVISOR first sets the watchdog to 1 s, USER first tells the user watchdog (which kills the
              daemon's process group, so that one may end by SIGKILL instead), NONE resets nothing. xhad resets the
              host by hypercall in HYPERVISOR mode; in USER and NONE mode it fails an `assert`, so its daemon
              aborts with status 134 (SIGABRT) and leaves a core file. We keep 2: it is in this table, it is what
              xhad maps its own survival-rule and fence-request failures to, and a test harness that waits on the
              daemon gets a code it knows and no core files. No script reports it either way, since fencing is
              armed only after `ha_start_daemon` has returned 0; the journal's `self-fence` record says why.
            """;

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
