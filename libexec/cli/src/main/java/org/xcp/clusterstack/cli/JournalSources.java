package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.events.MalformedLine;
import picocli.CommandLine.Option;

/** Where {@code events} and {@code why-fenced} read event journals, and which stack's. */
final class JournalSources {
    /** Lines that are not journal lines are named one by one up to this many, then counted. */
    private static final int NAMED = 10;

    @Option(names = "--log-base", paramLabel = "DIR",
            description = "Where to look for event journals: a host's log base (default " + LogDir.DEFAULT_BASE_DIR
                    + "), a stack's or a host's directory in one, or a copy collected from another host. Repeat it to"
                    + " merge a pool's hosts.")
    List<Path> logBases = new ArrayList<>();

    @Option(names = "--stack", paramLabel = "STACK", description = "Only this stack's lines (default: every stack's).")
    String stack;

    List<Path> bases() {
        return logBases.isEmpty() ? List.of(LogDir.DEFAULT_BASE) : List.copyOf(logBases);
    }

    Optional<String> stack() {
        return Optional.ofNullable(stack);
    }

    /** Each line that was skipped, as a warning on stderr naming its file and line, then how many in all. */
    static void warn(PrintWriter err, List<MalformedLine> malformed, boolean total) {
        malformed.stream().limit(NAMED).forEach(m -> err.println(CommandLines.NAME + ": warning: "
                + CommandLines.oneLine(m.message()) + ": skipped"));
        if (malformed.size() > NAMED) {
            err.println(CommandLines.NAME + ": warning: ... and " + (malformed.size() - NAMED) + " more");
        }
        if (total && !malformed.isEmpty()) {
            err.println(CommandLines.NAME + ": warning: " + malformed.size() + " line"
                    + (malformed.size() == 1 ? " that is not a journal line was" : "s that are not journal lines were")
                    + " skipped");
        }
        err.flush();
    }
}
