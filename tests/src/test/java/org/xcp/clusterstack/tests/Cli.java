package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bin/cluster-stack} as a real process, in the environment xapi gives its scripts: only
 * {@code PATH} (no HOME, no JAVA_HOME, no LANG).
 */
final class Cli {
    static final Path REPO = Path.of(System.getProperty("cluster-stack.repo", "..")).toAbsolutePath().normalize();
    static final Path LAUNCHER = REPO.resolve("bin/cluster-stack");

    /** What {@code date} prints with no locale set, at the start of a failed script's line (FailureLine). */
    static final String SCRIPT_DATE = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4} ";

    record Result(int status, String stdout, String stderr) {
        /** Errors are promised to be one line on stderr, nothing on stdout. */
        Result failedWithOneLine(int expectedStatus) {
            assertThat(status).as("exit status; stderr: %s", stderr).isEqualTo(expectedStatus);
            assertThat(stdout).as("stdout").isEmpty();
            assertThat(stderr.lines().count()).as("stderr lines: %s", stderr).isEqualTo(1);
            assertThat(stderr).startsWith("cluster-stack: ").doesNotContain("Exception", "\tat ");
            return this;
        }

        /**
         * A script's failure: xhad's exit code, nothing on stdout (xapi keeps stdout), and one line on stderr in
         * xhad's shape (docs/exit-codes.md): what {@code date} prints, the script, why and what to do, the code.
         */
        Result failedWithoutOutput(int expectedStatus) {
            assertThat(status).as("exit status; stderr: %s", stderr).isEqualTo(expectedStatus);
            assertThat(stdout).as("stdout").isEmpty();
            assertThat(stderr).as("a script's failure line").matches(SCRIPT_DATE + "ha_[a-z_]+: [^\n]+ \\("
                    + expectedStatus + "\\)\n");
            return this;
        }

        Result succeeded() {
            assertThat(status).as("exit status; stderr: %s", stderr).isZero();
            return this;
        }
    }

    private Cli() {
    }

    static Result run(Object... args) {
        return runWithin(60, args);
    }

    /** For commands that take longer than a minute (the pool demo waits out two fault-handler rounds). */
    static Result runWithin(int seconds, Object... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        for (Object a : args) {
            command.add(a.toString());
        }
        return exec(command, seconds);
    }

    static Result exec(List<String> command) {
        return exec(command, 60);
    }

    static Result exec(List<String> command, int seconds) {
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
                Map<String, String> env = pb.environment();
                String path = env.getOrDefault("PATH", "/usr/bin:/bin");
                env.clear();
                env.put("PATH", path);
                String jar = System.getProperty("cluster-stack.jar");
                if (jar != null) {
                    env.put("CLUSTER_STACK_JAR", jar); // the build under test, wherever its output went
                }
                Process p = pb.start();
                p.getOutputStream().close();
                if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                    p.destroy(); // SIGTERM first: the demo then kills the daemons it started
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                    throw new AssertionError("timed out: " + command);
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
