package org.xcp.clusterstack.melio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/** Whether a process a fake service started has ended (a zombie has: it runs nothing any more). */
final class Processes {
    private Processes() {
    }

    /** Waits until the process whose pid is in {@code pidFile} has ended; fails after {@code limit}. */
    static void assertEnds(Path pidFile, Duration limit) throws IOException, InterruptedException {
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + limit.toNanos();
        while (running(pid) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(running(pid)).as("process %d from %s still runs after %s", pid, pidFile, limit).isFalse();
    }

    private static boolean running(long pid) throws IOException {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // pid (comm) state ...: the state follows the last ')'
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
