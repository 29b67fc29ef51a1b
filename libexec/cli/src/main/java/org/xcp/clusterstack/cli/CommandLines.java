package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.OneLine;
import picocli.CommandLine;

/**
 * Builds the {@code cluster-stack} command line for {@link Main} and for tests, and maps every failure
 * to one of xhad's exit codes in one place: the user sees one line, the stack trace only with
 * {@code --verbose}.
 */
public final class CommandLines {
    static final String NAME = "cluster-stack";

    private CommandLines() {
    }

    public static CommandLine create(PrintWriter out, PrintWriter err) {
        ClusterStackCommand root = new ClusterStackCommand();
        CommandLine cmd = new CommandLine(root);
        for (ExtraCommand extra : ServiceLoader.load(ExtraCommand.class)) {
            cmd.addSubcommand(extra);
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes (xhad's numbers):%n")
                .exitCodeList(exitCodeList());
        cmd.setParameterExceptionHandler((ex, args) -> {
            err.println(NAME + ": " + oneLine(ex.getMessage()) + " (see " + commandName(ex.getCommandLine())
                    + " --help)");
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            return ExitCode.INVALID_PARAMETER.number();
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof HaException ha) {
                err.println(NAME + ": " + oneLine(ha.getMessage()));
                if (root.verbose) {
                    ex.printStackTrace(err);
                }
                return ha.exitCode().number();
            }
            err.println(NAME + ": internal error: " + oneLine(String.valueOf(ex)) + (root.verbose ? ""
                    : " (run with --verbose for the stack trace)"));
            if (root.verbose) {
                ex.printStackTrace(err);
            }
            return ExitCode.INTERNAL_BUG.number();
        });
        return cmd;
    }

    private static Map<String, String> exitCodeList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            list.put(String.format("%3d", code.number()), code.xhadName() + ": " + code.meaning());
        }
        return list;
    }

    private static String commandName(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName();
    }

    /** Messages are promised to be one line; never let a newline from anywhere break that. */
    static String oneLine(String message) {
        return OneLine.of(message);
    }
}
