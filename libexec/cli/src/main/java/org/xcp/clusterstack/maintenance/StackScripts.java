package org.xcp.clusterstack.maintenance;

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
 * The installed stack's own {@code ha_*} scripts, run as xapi runs them (spec §1.1): from the stack's directory,
 * with no stdin and an environment of only {@code PATH=<system>:<stack directory>}, so that every stack behaves as
 * it does under xapi. A config other than xapi's default is passed as {@code -C CONFIG}.
 */
public final class StackScripts {
    static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final Path stackDir;
    private final List<String> configArgs;

    /** @param configArgs what follows the script's own arguments: empty, or {@code -C CONFIG} */
    public StackScripts(Path stackDir, List<String> configArgs) {
        this.stackDir = stackDir;
        this.configArgs = List.copyOf(configArgs);
    }

    public Path dir() {
        return stackDir;
    }

    /** The command line of {@code script}, as the dry run shows it. */
    public String commandLine(HaScript script) {
        List<String> command = command(script);
        return String.join(" ", command);
    }

    private List<String> command(HaScript script) {
        List<String> command = new ArrayList<>();
        command.add(stackDir.resolve(script.fileName()).toString());
        command.addAll(configArgs);
        return command;
    }

    public ScriptRun run(HaScript script, long limitSeconds) {
        long start = System.nanoTime();
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("cluster-stack-maintenance", ".out");
            err = Files.createTempFile("cluster-stack-maintenance", ".err");
            ProcessBuilder pb = new ProcessBuilder(command(script)).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
                            .toFile()));
            pb.environment().clear();
            pb.environment().put("PATH", SYSTEM_PATH + ":" + stackDir);
            Process p = pb.start();
            int status;
            if (p.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                status = p.exitValue();
            } else {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                status = -1;
            }
            return new ScriptRun(script, status, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), seconds(start));
        } catch (IOException e) {
            return new ScriptRun(script, ExitCode.INVALID_ENVIRONMENT.number(), "", "cannot run "
                    + stackDir.resolve(script.fileName()) + ": " + e.getMessage(), seconds(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ScriptRun(script, -1, "", "interrupted", seconds(start));
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    }

    private static void delete(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary file left behind is harmless
        }
    }
}
