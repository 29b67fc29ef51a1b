package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.control.LogDir;

/**
 * A cluster-stack root installed by {@code cluster-stack install} in a temporary directory, and its
 * scripts run as xapi runs them: as root, with only {@code PATH=<system>:<stack directory>}. Its daemons keep
 * their run-time files and their logs in that directory too, never in the machine's /run or /var/log.
 */
final class InstalledStack {
    final Path root;
    final Path runBase;
    final Path logBase;
    final Path dir;

    private InstalledStack(Path root, Path runBase, Path logBase, String stack) {
        this.root = root;
        this.runBase = runBase;
        this.logBase = logBase;
        this.dir = root.resolve(stack);
    }

    static InstalledStack install(Path base, String stack, Object... moreInstallArguments) {
        Path root = base.resolve("cluster-stack");
        Path run = base.resolve("run");
        Path log = base.resolve("log");
        List<Object> args = new ArrayList<>(List.of("install", "--root", root, "--run-dir", run, "--log-dir", log));
        args.addAll(List.of(moreInstallArguments));
        Cli.run(args.toArray()).succeeded();
        return new InstalledStack(root, run, log, stack);
    }

    /** Another stack installed in the same root, with the same run and log bases. */
    InstalledStack sibling(String stack) {
        return new InstalledStack(root, runBase, logBase, stack);
    }

    /** The daemon log of this stack's daemon for host {@code hostId}. */
    Path daemonLog(String hostId) {
        return LogDir.of(logBase, dir.getFileName().toString(), HaUuid.parse(hostId)).daemonLog();
    }

    /** That log's text, empty while there is none. */
    String daemonLogText(String hostId) {
        try {
            return Files.readString(daemonLog(hostId));
        } catch (IOException e) {
            return "";
        }
    }

    Cli.Result run(HaScript script, Object... args) {
        return runWithPath("/usr/sbin:/usr/bin:/sbin:/bin:" + dir, script, args);
    }

    Cli.Result runWithPath(String path, HaScript script, Object... args) {
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "-i", "PATH=" + path,
                dir.resolve(script.fileName()).toString()));
        for (Object a : args) {
            command.add(a.toString());
        }
        return Cli.exec(command);
    }

    /** Starts {@code ha_start_daemon} without waiting for it, for tests that look at a Starting host. */
    Process startInBackground(Object... args) {
        List<String> command = new ArrayList<>(List.of(dir.resolve(HaScript.START_DAEMON.fileName()).toString()));
        for (Object a : args) {
            command.add(a.toString());
        }
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin:" + dir);
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every daemon this root started: stopped cleanly, or killed if that fails. */
    void stopAll() {
        try (var dirs = Files.walk(runBase)) {
            for (Path pid : dirs.filter(p -> p.getFileName().toString().equals("pid")).toList()) {
                try {
                    ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(p -> {
                        p.destroy();
                        try {
                            p.onExit().get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            p.destroyForcibly();
                        }
                    });
                } catch (IOException | NumberFormatException e) {
                    // the daemon removed its pid file while we looked: it is gone
                }
            }
        } catch (IOException e) {
            // no run directory: nothing was started
        }
    }

    static void eventually(Duration limit, String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(limit);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
