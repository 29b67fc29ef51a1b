package org.xcp.clusterstack.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaScript;

/**
 * Runs a stack's scripts as xapi runs them (spec §1.1): as this (root) user, no stdin, an environment of
 * only {@code PATH=<system>:<stack directory>}, stdout kept apart from stderr.
 */
final class ScriptRunner {
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** What one run gave; {@code status} is -1 when it did not end within its limit (it was killed). */
    record Run(String what, int status, String stdout, String stderr, int limitSeconds) {
        Run named(String name) {
            return new Run(name, status, stdout, stderr, limitSeconds);
        }

        boolean timedOut() {
            return status < 0;
        }

        /** The sentence for an unexpected ending, or null when it ended with {@code expected}. */
        String unless(ExitCode expected) {
            if (timedOut()) {
                return what + " did not end within " + limitSeconds + " s";
            }
            if (status != expected.number()) {
                return what + " exited " + status + describe(status) + ", expected " + expected.number() + " ("
                        + expected.xhadName() + ")" + (status == 0 ? "" : tail());
            }
            return null;
        }

        private String tail() {
            String last = stderr.strip().lines().reduce((a, b) -> b).orElse("");
            return last.isEmpty() ? "" : "; it said: " + (last.length() > 160 ? last.substring(0, 160) + "..." : last);
        }

        private static String describe(int status) {
            return ExitCode.fromNumber(status).map(c -> " (" + c.xhadName() + ")").orElse("");
        }
    }

    private final Path dir;

    ScriptRunner(Path dir) {
        this.dir = dir;
    }

    Run run(String host, HaScript script, int limitSeconds, Object... args) {
        return run(List.of(), host, script, limitSeconds, args);
    }

    /** @param prefix the command that runs the script on that host (empty: here) */
    Run run(List<String> prefix, String host, HaScript script, int limitSeconds, Object... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(dir.resolve(script.fileName()).toString());
        for (Object a : args) {
            command.add(a.toString());
        }
        String what = script.fileName() + (args.length > 0 && !args[0].toString().startsWith("-") ? " " + args[0] : "")
                + " on " + host;
        return exec(what, command, limitSeconds);
    }

    /** Runs {@code command} as a script is run (environment, stdin, limit); {@code what} names it in sentences. */
    Run exec(String what, List<String> command, int limitSeconds) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("verify", ".out");
            err = Files.createTempFile("verify", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().clear();
            pb.environment().put("PATH", SYSTEM_PATH + ":" + dir);
            Process p = pb.start();
            if (!p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                return new Run(what, -1, read(out), read(err), limitSeconds);
            }
            return new Run(what, p.exitValue(), read(out), read(err), limitSeconds);
        } catch (IOException e) {
            return new Run(what, ExitCode.SYSTEM_ERROR.number(), "", "cannot run " + String.join(" ", command) + ": "
                    + e.getMessage(), limitSeconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(what, -1, "", "interrupted", limitSeconds);
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static void delete(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary file left in /tmp is harmless
        }
    }
}
