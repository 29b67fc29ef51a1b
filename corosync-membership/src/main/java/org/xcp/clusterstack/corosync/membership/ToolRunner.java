package org.xcp.clusterstack.corosync.membership;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one of corosync's tools with a deadline. corosync's IPC has no timeout of its own: a stopped daemon
 * makes {@code corosync-quorumtool} wait for ever (measured), so a tool still running at the deadline is
 * killed, with anything it started, and reported as {@link ToolOutput.Outcome#TIMED_OUT}.
 */
final class ToolRunner implements AutoCloseable {
    /** More than any corosync answer (64 nodes list a few tens of KB); beyond it the output is garbage. */
    static final int MAX_OUTPUT_BYTES = 1 << 20;

    private final Duration timeout;
    private final ExecutorService readers;

    ToolRunner(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.readers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "corosync-tool-output-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    Duration timeout() {
        return timeout;
    }

    ToolOutput run(Path tool, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(args);
        String name = tool.getFileName().toString();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return ToolOutput.notStarted(name, e.getMessage());
        }
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // nothing is written to the tool; a stdin that cannot be closed changes nothing
        }
        Future<Captured> out = readers.submit(() -> capture(process.getInputStream()));
        Future<Captured> err = readers.submit(() -> capture(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(process);
                return ToolOutput.timedOut(name, timeout);
            }
            Captured stdout = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Captured stderr = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (stdout.truncated()) {
                return ToolOutput.exited(name, process.exitValue(), "", "printed more than " + MAX_OUTPUT_BYTES
                        + " bytes", true);
            }
            return ToolOutput.exited(name, process.exitValue(), stdout.text(), stderr.text(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            return ToolOutput.notStarted(name, "interrupted");
        } catch (TimeoutException e) {
            // the tool ended but something it started still holds its output open
            kill(process);
            return ToolOutput.timedOut(name, timeout);
        } catch (ExecutionException e) {
            kill(process);
            return ToolOutput.notStarted(name, "its output could not be read: " + e.getCause().getMessage());
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Captured(String text, boolean truncated) {
    }

    /** Reads to the end (a tool blocked on a full pipe would never exit) but keeps only the first MiB. */
    private static Captured capture(InputStream in) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean truncated = false;
        for (int n; (n = in.read(buffer)) >= 0; ) {
            int room = MAX_OUTPUT_BYTES - kept.size();
            kept.write(buffer, 0, Math.min(n, room));
            truncated |= n > room;
        }
        return new Captured(kept.toString(StandardCharsets.UTF_8), truncated);
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
