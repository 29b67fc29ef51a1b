package org.xcp.clusterstack.common.command;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a cluster manager's command with a deadline. A manager's tools may wait for ever (corosync's IPC has no
 * timeout of its own), so a command still running at the deadline is killed with every process it started and
 * reported as {@link CommandResult.Outcome#TIMED_OUT}.
 *
 * <p>Each run gets stdin from {@code /dev/null}, working directory {@code /} and an environment of
 * {@link #ENVIRONMENT} only, so the host's locale and variables cannot change what it prints. Its output goes
 * to files in a private directory, not to pipes: a child the command leaves behind cannot hold a read open,
 * and a command that prints without end cannot block on a full pipe. Only the first {@code maxOutputBytes} of
 * stdout are read. Safe to call from several threads (each run has its own files).
 */
public final class ManagerCommand implements AutoCloseable {
    /** All a command's environment: a fixed PATH and the C locale, whose messages the stacks parse. */
    public static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin",
            "LC_ALL", "C");
    /** Enough stderr for its first line. */
    private static final int STDERR_READ = 4096;

    private final Duration timeout;
    private final int maxOutputBytes;
    private final Path outputDir;
    private volatile boolean closed;

    /**
     * @param owner names the private output directory (e.g. the stack), for whoever lists the temporary directory
     * @param timeout how long a run may take before it is killed
     * @param maxOutputBytes how much stdout is read; more is {@link CommandResult#truncated()}
     * @throws UncheckedIOException if the private output directory cannot be made
     */
    public ManagerCommand(String owner, Duration timeout, int maxOutputBytes) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxOutputBytes < 1 || maxOutputBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxOutputBytes must be between 1 and " + (Integer.MAX_VALUE - 1)
                    + ", got " + maxOutputBytes);
        }
        this.timeout = timeout;
        this.maxOutputBytes = maxOutputBytes;
        try {
            this.outputDir = Files.createTempDirectory(owner + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    /** Where the runs' output files are while they run; removed by {@link #close()}. */
    public Path outputDir() {
        return outputDir;
    }

    /** Runs {@code program} with {@code args} to its end or to the deadline; never throws for what it runs. */
    public CommandResult run(Path program, List<String> args) {
        if (closed) {
            return CommandResult.notStarted("its runner is closed");
        }
        Path out = null;
        Path err = null;
        try {
            // systemd-tmpfiles may have removed an idle directory; it is ours to make again
            Files.createDirectories(outputDir);
            String prefix = program.getFileName() + "-";
            out = Files.createTempFile(outputDir, prefix, ".out");
            err = Files.createTempFile(outputDir, prefix, ".err");
            return run(program, args, out, err);
        } catch (IOException e) {
            return CommandResult.notStarted("its output cannot be kept: " + e.getMessage());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
            if (closed) {
                // closed while this ran, perhaps after making the directory again
                deleteQuietly(outputDir);
            }
        }
    }

    private CommandResult run(Path program, List<String> args, Path out, Path err) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
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
            return CommandResult.notStarted(e.getMessage());
        }
        boolean exited;
        try {
            exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(process.toHandle());
            Thread.currentThread().interrupt();
            return CommandResult.notStarted("interrupted while waiting for it");
        }
        if (!exited) {
            killTree(process.toHandle());
            reap(process);
            return CommandResult.timedOut();
        }
        byte[] stdout = head(out, maxOutputBytes + 1);
        boolean truncated = stdout.length > maxOutputBytes;
        return CommandResult.exited(process.exitValue(), new String(stdout, 0, Math.min(stdout.length,
                maxOutputBytes), StandardCharsets.UTF_8), truncated, new String(head(err, STDERR_READ),
                StandardCharsets.UTF_8));
    }

    /** Kills the process first (so it starts no more), then the children it had, depth first. */
    private static void killTree(ProcessHandle process) {
        List<ProcessHandle> children = process.children().toList();
        process.destroyForcibly();
        children.forEach(ManagerCommand::killTree);
    }

    private static void reap(Process process) {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] head(Path file, int limit) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit);
        }
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

    /** Removes the private output directory; a run after this is {@link CommandResult.Outcome#NOT_STARTED}. */
    @Override
    public void close() {
        closed = true;
        File[] left = outputDir.toFile().listFiles();
        if (left != null) {
            Arrays.stream(left).map(File::toPath).forEach(ManagerCommand::deleteQuietly);
        }
        deleteQuietly(outputDir);
    }
}
