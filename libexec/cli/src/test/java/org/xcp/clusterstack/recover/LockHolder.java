package org.xcp.clusterstack.recover;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A process of its own that takes a host's lock as a daemon does ({@link FileChannel#tryLock}) and holds it until
 * it is killed: a stuck process for {@code stale-lock}, or, with the daemon's main class among its arguments, what
 * a hung daemon looks like in {@code /proc}.
 */
final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock()) {
            System.out.println(lock == null ? "busy" : "locked");
            System.out.flush();
            Thread.sleep(120_000);
        }
    }

    /** Starts one holding {@code lockFile} and returns once it holds it. */
    static Process start(Path lockFile, String... extra) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), lockFile.toString()));
        command.addAll(List.of(extra));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (!"locked".equals(first)) {
                p.destroyForcibly();
                throw new IllegalStateException("the lock holder said " + first);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
