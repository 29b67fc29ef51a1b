package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One step of a key rotation ({@code docs/heartbeat-auth.md}): read the file as the daemon does, apply the step
 * of {@link HeartbeatKeys}, write the file back whole (mode 0600), and say what the operator does next. A step
 * the file's keys do not allow is exit 1 in one line, the file unchanged.
 */
abstract class KeyRotationStep implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The key file (rewritten in place, mode 0600).")
    Path file;

    /** The step itself; an {@link IllegalStateException} when the keys are not ready for it. */
    abstract HeartbeatKeys step(HeartbeatKeys keys);

    /** What changed, after "FILE: ". */
    abstract String done(HeartbeatKeys before, HeartbeatKeys after);

    /** What the operator does next, after "next: ". */
    abstract String next(HeartbeatKeys after);

    /** Appended to a refusal: where this step belongs in a rotation. */
    String refusalHint() {
        return "";
    }

    @Override
    public Integer call() {
        HeartbeatKeys before = HeartbeatKeyFile.read(file);
        HeartbeatKeys after;
        try {
            after = step(before);
        } catch (IllegalStateException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, file + ": not changed: " + e.getMessage()
                    + refusalHint() + " (it holds " + before.describe() + ")");
        }
        HeartbeatKeyFile.write(file, after);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: %s (%s)%n", file, done(before, after), after.describe());
        out.printf("next: copy %s to every host of the pool, %s%n", file, next(after));
        out.flush();
        return 0;
    }
}
