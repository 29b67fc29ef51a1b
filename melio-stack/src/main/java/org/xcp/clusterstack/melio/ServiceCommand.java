package org.xcp.clusterstack.melio;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.xcp.clusterstack.common.command.CommandResult;
import org.xcp.clusterstack.common.command.ManagerCommand;

/**
 * Runs one verb of Melio's cluster service command (CONTRACT.md "The seam"): no arguments but the verb, run
 * as every manager's command is ({@link ManagerCommand}: stdin from {@code /dev/null}, working directory
 * {@code /}, an environment of {@code PATH} and {@code LC_ALL=C} only, output to private files, killed with
 * its children at the timeout). Safe to call from several threads.
 */
final class ServiceCommand implements AutoCloseable {
    /** More stdout than this is not a status answer; only this much is read. */
    static final int MAX_OUTPUT = 64 * 1024;

    private final Path command;
    private final ManagerCommand runner;

    private ServiceCommand(Path command, ManagerCommand runner) {
        this.command = command;
        this.runner = runner;
    }

    /** @throws UncheckedIOException if the private output directory cannot be made */
    static ServiceCommand create(Path command, Duration timeout) {
        return new ServiceCommand(command, new ManagerCommand("melio-stack", timeout, MAX_OUTPUT));
    }

    Path command() {
        return command;
    }

    Duration timeout() {
        return runner.timeout();
    }

    CommandResult run(String verb) {
        return runner.run(command, List.of(verb));
    }

    /** Why a run did not succeed, as the end of a sentence: "exited 3: volumes are mounted". */
    String failure(CommandResult answer) {
        return switch (answer.outcome()) {
            case TIMED_OUT -> "did not finish within " + timeout().toMillis() + " ms (killed)";
            case NOT_STARTED -> "could not be run: " + answer.problem();
            case EXITED -> "exited " + answer.exitCode()
                    + (answer.stderrLine().isEmpty() ? " with nothing on stderr" : ": " + answer.stderrLine());
        };
    }

    /** Removes the private output directory. */
    @Override
    public void close() {
        runner.close();
    }
}
