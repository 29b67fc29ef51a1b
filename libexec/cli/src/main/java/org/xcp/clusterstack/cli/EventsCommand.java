package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.events.EventFilter;
import org.xcp.clusterstack.events.EventFilter.HostSelector;
import org.xcp.clusterstack.events.EventText;
import org.xcp.clusterstack.events.JournalEntry;
import org.xcp.clusterstack.events.JournalFollower;
import org.xcp.clusterstack.events.JournalReader;
import org.xcp.clusterstack.events.Journals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack events}: the hosts' event journals merged in time order, one line per event (its evidence
 * below with {@code -v}), or the lines as written ({@code --json}); {@code --follow} keeps printing.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Show what the hosts' daemons decided and why, from their event journals, in time order.",
            "Every journal under the log bases is read (every stack's, every host's, rotated ones too) and merged:"
                + " one line per event, TIME HOST-INDEX(UUID start) STACK KIND summary, with the evidence below it"
                + " with -v, or each line as written with --json. Each host keeps its journal on its own disk, so to"
                + " see a pool, collect each host's /var/log/cluster-stack and name every copy with --log-base. A"
                + " line that is not a journal line (the torn last line of a crash) is skipped with a warning naming"
                + " its file and line. Exit 0, or 1 for bad arguments or a journal that cannot be read"
                + " (docs/events.md)."})
final class EventsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    JournalSources sources;

    @Option(names = {"-f", "--follow"}, description = "Keep printing lines as they are written (until interrupted);"
            + " a journal logrotate moves is followed to its end and its successor from its start.")
    boolean follow;

    @Option(names = "--since", paramLabel = "TIME", description = "Only lines from TIME on: an ISO-8601 instant"
            + " (2026-12-07T04:50:00Z) or an age (10m, 2h, 1d).")
    String since;

    @Option(names = "--host", paramLabel = "HOST", description = "Only the lines written by this host: its index"
            + " or its UUID.")
    String host;

    @Option(names = "--json", description = "Print the lines as written: one JSON object per line.")
    boolean json;

    @Option(names = {"-v", "--evidence"}, description = "Show each event's evidence below it, one key=value a line.")
    boolean evidence;

    @Override
    public Integer call() throws InterruptedException {
        EventFilter filter = new EventFilter(Optional.ofNullable(since).map(s -> EventFilter.since(s,
                Clock.systemUTC())), Optional.ofNullable(host).map(HostSelector::parse), sources.stack());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!follow) {
            Journals.Loaded loaded = Journals.load(sources.bases());
            print(out, loaded.entries(), filter);
            JournalSources.warn(err, loaded.malformed(), true);
            return 0;
        }
        Journals.findSome(sources.bases());
        JournalFollower follower = new JournalFollower(sources.bases());
        while (!Thread.currentThread().isInterrupted()) {
            JournalReader.Contents added = follower.poll();
            print(out, added.entries(), filter);
            JournalSources.warn(err, added.malformed(), false);
            Thread.sleep(JournalFollower.POLL_EVERY.toMillis());
        }
        return 0;
    }

    private void print(PrintWriter out, List<JournalEntry> entries, EventFilter filter) {
        for (JournalEntry e : entries) {
            if (!filter.test(e)) {
                continue;
            }
            if (json) {
                out.println(e.text());
            } else {
                out.println(EventText.line(e));
                if (evidence) {
                    EventText.evidence(e.evidence(), "    ").forEach(out::println);
                }
            }
        }
        out.flush();
    }
}
