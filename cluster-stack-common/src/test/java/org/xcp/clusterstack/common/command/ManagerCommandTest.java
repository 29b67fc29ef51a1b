package org.xcp.clusterstack.common.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.common.command.CommandResult.Outcome;

class ManagerCommandTest {
    @TempDir
    Path tmp;

    private ManagerCommand runner = new ManagerCommand("manager-command-test", Duration.ofSeconds(5), 1024);

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void aCommandThatExitsGivesItsStatusStdoutAndFirstStderrLine() throws IOException {
        CommandResult r = runner.run(script("echo \"answer $1 $2\"; printf '\\n  first\\tline  \\nsecond\\n' >&2;"
                + " exit 3"), List.of("a b", "c"));

        assertThat(r).isEqualTo(new CommandResult(Outcome.EXITED, 3, "answer a b c\n", false, "first line", ""));
        assertThat(r.exitedWith(3)).isTrue();
        assertThat(r.exitedWith(0)).isFalse();
    }

    @Test
    void itRunsInRootWithStdinAtEndOfFileAndOnlyPathAndLcAll() throws IOException {
        CommandResult r = runner.run(script("cat; pwd; env"), List.of());

        assertThat(r.exitedWith(0)).isTrue();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.get(0)).isEqualTo("/");
        // bash adds PWD, SHLVL and _ itself
        assertThat(lines.subList(1, lines.size()))
                .filteredOn(l -> !l.startsWith("PWD=") && !l.startsWith("SHLVL=") && !l.startsWith("_="))
                .containsExactlyInAnyOrder("PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C");
    }

    @Test
    void stdoutIsReadUpToTheCapOnly() throws IOException {
        CommandResult atCap = runner.run(script("head -c 1024 /dev/zero | tr '\\0' x"), List.of());
        CommandResult pastCap = runner.run(script("head -c 5000000 /dev/zero | tr '\\0' y; echo done >&2"),
                List.of());

        assertThat(atCap.truncated()).isFalse();
        assertThat(atCap.stdout()).hasSize(1024);
        assertThat(pastCap.truncated()).isTrue();
        assertThat(pastCap.stdout()).isEqualTo("y".repeat(1024));
        assertThat(pastCap.exitedWith(0)).isTrue();
        assertThat(pastCap.stderrLine()).isEqualTo("done");
    }

    @Test
    void aCommandStillRunningAtTheDeadlineIsKilledWithItsChildren() throws Exception {
        runner.close();
        runner = new ManagerCommand("manager-command-test", Duration.ofMillis(300), 1024);
        Path pids = tmp.resolve("pids");

        long start = System.nanoTime();
        CommandResult r = runner.run(script("echo $$ > '" + pids + "'; (sleep 60 & echo $! >> '" + pids + "'; wait) &"
                + " sleep 60 & echo $! >> '" + pids + "'; wait"), List.of());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(r).isEqualTo(new CommandResult(Outcome.TIMED_OUT, -1, "", false, "", ""));
        assertThat(tookMs).isBetween(300L, 3_000L);
        List<Long> started = Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSize(3);
        for (long pid : started) {
            awaitEnded(pid);
        }
    }

    @Test
    void aChildLeftBehindHoldingTheOutputDoesNotHoldTheRun() throws IOException {
        Path child = tmp.resolve("child");

        long start = System.nanoTime();
        CommandResult r = runner.run(script("sleep 60 & echo $! > '" + child + "'; echo started"), List.of());
        long tookMs = (System.nanoTime() - start) / 1_000_000;

        try {
            assertThat(r).isEqualTo(new CommandResult(Outcome.EXITED, 0, "started\n", false, "", ""));
            assertThat(tookMs).isLessThan(3_000L);
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(child).strip())).ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void aCommandThatIsNotExecutableOrMissingIsNotStarted_inOneLine() throws IOException {
        Path notExecutable = Files.writeString(tmp.resolve("plain"), "#!/bin/sh\necho hi\n");

        CommandResult plain = runner.run(notExecutable, List.of());
        CommandResult missing = runner.run(tmp.resolve("missing"), List.of());

        assertThat(plain.outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(plain.problem()).contains(notExecutable.toString()).contains("Permission denied").doesNotContain("\n");
        assertThat(plain.exitCode()).isEqualTo(-1);
        assertThat(plain.exitedWith(-1)).isFalse();
        assertThat(missing.outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(missing.problem()).contains("No such file or directory");
    }

    @Test
    void eachRunKeepsItsOutputInPrivateFilesThatAreRemovedAfterIt() throws Exception {
        Path dir = runner.outputDir();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        CommandResult r = runner.run(script("ls '" + dir + "'"), List.of());

        assertThat(r.stdout()).contains(".out\n").contains(".err\n");
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void concurrentRunsDoNotMixTheirOutputs() throws Exception {
        Path echo = script("sleep 0.2; echo \"$1\"; echo \"err $1\" >&2; exit \"$1\"");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<CommandResult>> runs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String n = Integer.toString(i);
                runs.add(pool.submit((Callable<CommandResult>) () -> runner.run(echo, List.of(n))));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(runs.get(i).get()).isEqualTo(new CommandResult(Outcome.EXITED, i, i + "\n", false,
                        "err " + i, ""));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRemovedOutputDirectoryIsMadeAgain_andCloseRemovesIt() throws IOException {
        Path dir = runner.outputDir();
        Files.delete(dir);

        assertThat(runner.run(script("echo back"), List.of()).stdout()).isEqualTo("back\n");
        runner.close();

        assertThat(dir).doesNotExist();
        CommandResult afterClose = runner.run(script("echo late"), List.of());
        assertThat(afterClose.outcome()).isEqualTo(Outcome.NOT_STARTED);
        assertThat(afterClose.problem()).isEqualTo("its runner is closed");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aTimeoutOrCapThatCannotWorkIsRefused() {
        assertThatThrownBy(() -> new ManagerCommand("x", Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, got PT0S");
        assertThatThrownBy(() -> new ManagerCommand("x", Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxOutputBytes must be between 1 and 2147483646, got 0");
    }

    private Path script(String body) throws IOException {
        Path file = Files.createTempFile(tmp, "command", ".sh");
        Files.writeString(file, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /** Ended = no /proc entry, or a zombie (it runs nothing any more; init has yet to reap it). */
    private static void awaitEnded(long pid) throws Exception {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean running = true;
        while (running && System.nanoTime() < deadline) {
            running = Files.exists(status) && Files.readAllLines(status).stream()
                    .noneMatch(l -> l.startsWith("State:") && l.contains("Z (zombie)"));
            if (running) {
                Thread.sleep(20);
            }
        }
        assertThat(running).as("process %d still runs 5 s after the deadline", pid).isFalse();
    }
}
