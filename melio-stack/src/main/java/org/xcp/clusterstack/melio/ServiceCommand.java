package org.xcp.clusterstack.melio;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one verb of Melio's cluster service command (CONTRACT.md "The seam"): no arguments but the verb,
 * stdin from {@code /dev/null}, working directory {@code /}, an environment of {@code PATH} and
 * {@code LC_ALL=C} only. Output goes to files in a private directory, not to pipes, so a child the service
 * leaves behind cannot hold a read open. A run that outlasts the timeout is killed with its children.
 * Safe to call from several threads (each run has its own files).
 */
final class ServiceCommand implements AutoCloseable {
    /** More stdout than this is not a status answer; only this much is read. */
    static final int MAX_OUTPUT = 64 * 1024;
    private static final int MAX_STDERR_LINE = 200;
    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin",
            "LC_ALL", "C");

    private final Path command;
    private final Duration timeout;
    private final Path outputDir;

    private ServiceCommand(Path command, Duration timeout, Path outputDir) {
        this.command = command;
        this.timeout = timeout;
        this.outputDir = outputDir;
    }

    /** @throws UncheckedIOException if the private output directory cannot be made */
    static ServiceCommand create(Path command, Duration timeout) {
        try {
            return new ServiceCommand(command, timeout, Files.createTempDirectory("melio-stack-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path command() {
        return command;
    }

    Duration timeout() {
        return timeout;
    }

    /** What one run gave. */
    record Outcome(Kind kind, int exitCode, String stdout, String stderrLine) {
        enum Kind { EXITED, TIMED_OUT, NOT_RUN }

        boolean succeeded() {
            return kind == Kind.EXITED && exitCode == 0;
        }

        /** Why it did not succeed, as the end of a sentence: "exited 3: volumes are mounted". */
        String failure(Duration timeout) {
            return switch (kind) {
                case TIMED_OUT -> "did not finish within " + timeout.toMillis() + " ms (killed)";
                case NOT_RUN -> "could not be run: " + stderrLine;
                case EXITED -> "exited " + exitCode
                        + (stderrLine.isEmpty() ? " with nothing on stderr" : ": " + stderrLine);
            };
        }
    }

    Outcome run(String verb) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile(outputDir, verb, ".out");
            err = Files.createTempFile(outputDir, verb, ".err");
            return run(verb, out, err);
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.NOT_RUN, -1, "", "its output cannot be kept: " + e.getMessage());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private Outcome run(String verb, Path out, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command.toString(), verb))
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(ENVIRONMENT);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.NOT_RUN, -1, "", oneLine(String.valueOf(e.getMessage())));
        }
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            return new Outcome(Outcome.Kind.NOT_RUN, -1, "", "interrupted while waiting for it");
        }
        if (!exited) {
            killTree(process.toHandle());
            reap(process);
            return new Outcome(Outcome.Kind.TIMED_OUT, -1, "", "");
        }
        return new Outcome(Outcome.Kind.EXITED, process.exitValue(), head(out, MAX_OUTPUT + 1),
                firstLine(head(err, 4096)));
    }

    /** Kills the process first (so it spawns no more), then the children it had, depth first. */
    private static void killTree(ProcessHandle process) {
        List<ProcessHandle> children = process.children().toList();
        process.destroyForcibly();
        children.forEach(ServiceCommand::killTree);
    }

    private static void reap(Process process) {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String head(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(limit), StandardCharsets.UTF_8);
        }
    }

    private static String firstLine(String text) {
        String stripped = text.strip();
        int nl = stripped.indexOf('\n');
        return oneLine(nl < 0 ? stripped : stripped.substring(0, nl));
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\p{Cntrl}", " ").strip();
        return line.length() > MAX_STDERR_LINE ? line.substring(0, MAX_STDERR_LINE) + "..." : line;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the directory goes at close
            }
        }
    }

    /** Removes the private output directory. */
    @Override
    public void close() {
        try (var files = Files.list(outputDir)) {
            files.forEach(ServiceCommand::deleteQuietly);
        } catch (IOException ignored) {
            // already gone
        }
        deleteQuietly(outputDir);
    }
}
