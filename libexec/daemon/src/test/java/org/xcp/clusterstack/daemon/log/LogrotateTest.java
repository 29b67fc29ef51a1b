package org.xcp.clusterstack.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped logrotate config (packaging/src/cluster-stack.logrotate), with its base moved to a temporary
 * directory, run by the real logrotate with a state file of its own, twice, while a daemon log writes a line
 * every millisecond: every line is in exactly one generation, in order, and the daemon writes the new file.
 */
class LogrotateTest {
    private static final Path LOGROTATE = Path.of("/usr/sbin/logrotate");
    private static final String SHIPPED = "packaging/src/cluster-stack.logrotate";

    @TempDir
    Path dir;

    @Test
    void theDaemonLogSurvivesTwoRotationsWithoutLosingALine() throws Exception {
        assertThat(LOGROTATE).as("logrotate (bin/setup installs it)").isExecutable();
        Path hostDir = Files.createDirectories(dir.resolve("xhad/00000000-1111-4222-8333-000000000001"));
        Path config = dir.resolve("logrotate.conf");
        Files.writeString(config, Files.readString(shippedConfig()).replace("/var/log/cluster-stack", dir.toString()));
        Path log = hostDir.resolve("daemon.log");

        AtomicInteger written = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        try (DaemonLog daemonLog = new DaemonLog(log)) {
            Thread writer = new Thread(() -> {
                while (!stop.get()) {
                    daemonLog.info("line " + written.getAndIncrement());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "writer");
            writer.start();
            try {
                Thread.sleep(300);
                rotate(config);
                Thread.sleep(2_500); // past the writer's check: it writes the new file
                rotate(config);
                Thread.sleep(2_500);
            } finally {
                stop.set(true);
                writer.join(10_000);
            }
        }

        assertThat(hostDir.resolve("daemon.log.2.gz")).as("the first generation, compressed at the second").exists();
        assertThat(hostDir.resolve("daemon.log.1")).as("the second, left uncompressed (delaycompress)").exists();
        List<String> lines = new ArrayList<>(gunzip(hostDir.resolve("daemon.log.2.gz")));
        lines.addAll(Files.readAllLines(hostDir.resolve("daemon.log.1")));
        List<String> current = Files.readAllLines(log);
        assertThat(current).as("lines written to the file logrotate created").isNotEmpty();
        lines.addAll(current);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < written.get(); i++) {
            expected.add("line " + i);
        }
        assertThat(lines.stream().map(l -> l.substring(l.indexOf("] ") + 2)).toList()).isEqualTo(expected);
        assertThat(Files.getPosixFilePermissions(log)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "GROUP_READ");
    }

    private void rotate(Path config) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(LOGROTATE.toString(), "-f", "-s", dir.resolve("state").toString(),
                config.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("logrotate: %s", output).isZero();
    }

    private static List<String> gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The shipped config, found from the module's directory up to the repository's root. */
    private static Path shippedConfig() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(SHIPPED))) {
                return d.resolve(SHIPPED);
            }
        }
        throw new AssertionError("no " + SHIPPED + " above " + Path.of("").toAbsolutePath());
    }
}
