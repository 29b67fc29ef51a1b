package org.xcp.clusterstack.corosync.membership;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.common.command.ManagerCommand;

/**
 * corosync's two command-line tools this stack reads, found once at open and run with a deadline. corosync's IPC
 * has no timeout of its own: a stopped daemon makes {@code corosync-quorumtool} wait for ever (measured), so a
 * tool still running at the deadline is killed, with anything it started.
 */
final class CorosyncTools implements AutoCloseable {
    static final String QUORUMTOOL = "corosync-quorumtool";
    static final String CMAPCTL = "corosync-cmapctl";
    /** Searched after PATH: where Debian and XenServer's dom0 install them. */
    static final List<Path> FALLBACK_DIRS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"));

    private final Path quorumtool;
    private final Path cmapctl;
    private final ManagerCommand runner;

    private CorosyncTools(Path quorumtool, Path cmapctl, ManagerCommand runner) {
        this.quorumtool = quorumtool;
        this.cmapctl = cmapctl;
        this.runner = runner;
    }

    /**
     * Both tools in {@code dir} when it is given, else each on {@code searchPath} (PATH's syntax), then in
     * {@link #FALLBACK_DIRS}. A tool that is not there is exit 16, naming where it was looked for.
     */
    static CorosyncTools locate(Optional<Path> dir, String searchPath, Duration timeout, String settingName) {
        return locate(dir, searchPath, FALLBACK_DIRS, timeout, settingName);
    }

    static CorosyncTools locate(Optional<Path> dir, String searchPath, List<Path> fallback, Duration timeout,
            String settingName) {
        List<Path> dirs = new ArrayList<>();
        String where;
        if (dir.isPresent()) {
            dirs.add(dir.get());
            where = "in " + dir.get() + " (" + settingName + ")";
        } else {
            for (String entry : (searchPath == null ? "" : searchPath).split(File.pathSeparator)) {
                try {
                    if (!entry.isEmpty()) {
                        dirs.add(Path.of(entry));
                    }
                } catch (InvalidPathException e) {
                    // a PATH entry that is no path holds no tool
                }
            }
            dirs.addAll(fallback);
            where = "on PATH" + fallback.stream().map(d -> ", in " + d).collect(Collectors.joining()).replaceFirst(
                    ", (in [^,]*)$", " or $1") + " (install corosync 3, or set " + settingName + ")";
        }
        Path quorumtool = find(QUORUMTOOL, dirs, where);
        Path cmapctl = find(CMAPCTL, dirs, where);
        try {
            return new CorosyncTools(quorumtool, cmapctl, new ManagerCommand("corosync-membership", timeout,
                    ToolOutput.MAX_OUTPUT_BYTES));
        } catch (UncheckedIOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot make a directory for the output of "
                    + QUORUMTOOL + " and " + CMAPCTL + ": " + e.getCause().getMessage());
        }
    }

    private static Path find(String tool, List<Path> dirs, String where) {
        for (Path d : dirs) {
            Path candidate = d.resolve(tool);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new HaException(ExitCode.INVALID_ENVIRONMENT, "no executable " + tool + " " + where);
    }

    Duration timeout() {
        return runner.timeout();
    }

    /** {@code corosync-quorumtool -s -p}: exit 0 quorate, 2 not quorate, anything else no answer. */
    ToolOutput quorumStatus() {
        return run(quorumtool, List.of("-s", "-p"));
    }

    /** {@code corosync-cmapctl} with {@link CmapKeys#PREFIXES}: exit 0 with the keys, 1 when corosync is down. */
    ToolOutput cmapKeys() {
        return run(cmapctl, CmapKeys.PREFIXES);
    }

    private ToolOutput run(Path tool, List<String> args) {
        return new ToolOutput(tool.getFileName().toString(), runner.run(tool, args), runner.timeout());
    }

    @Override
    public void close() {
        runner.close();
    }
}
