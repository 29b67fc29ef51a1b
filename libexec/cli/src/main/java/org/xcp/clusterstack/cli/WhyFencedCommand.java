package org.xcp.clusterstack.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.events.EventFilter.HostSelector;
import org.xcp.clusterstack.events.FenceInquiry;
import org.xcp.clusterstack.events.FenceReport;
import org.xcp.clusterstack.events.JournalEntry;
import org.xcp.clusterstack.events.Journals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack why-fenced [HOST]}: whether a host fenced itself, when and why, what it recorded just before,
 * and what its peers recorded about it ({@link FenceInquiry}). Exit 0 fenced, 2 not fenced, 1 an error.
 */
@Command(name = "why-fenced", mixinStandardHelpOptions = true,
        description = {"Say whether a host was fenced, when and why, from the event journals.",
            "HOST is a host's index or UUID; without it, this host (the HostID of the config). The answer is about"
                + " the host's latest run of its daemon that is over: the record of its self-fence (the survival rule"
                + " or a fence request, with its evidence), its watchdog firing (the daemon hung or died), its"
                + " watchdog left unpetted, or, when its journal just stops while armed, that it died or hung and its"
                + " watchdog reset it; then its last records before that, and each peer's record of dropping it."
                + " Its own journal is on its own disk: collect it, and the peers', and name each with --log-base"
                + " (docs/events.md)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"  0:fenced: the journals say how and why",
            "  1:an error: bad arguments, no journal, none of the host's lines nor a peer's drop of it, a journal or"
                + " the config that cannot be read",
            "  2:not fenced, as far as the journals show (it ended cleanly, or still runs)"})
final class WhyFencedCommand implements Callable<Integer> {
    static final int NOT_FENCED = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "HOST",
            description = "The host: its index in the pool or its UUID (default: this host, from the config).")
    String host;

    @Mixin
    JournalSources sources;

    @Option(names = {"-C", "--config"}, paramLabel = "CONFIG", defaultValue = DaemonConfig.DEFAULT_FILE,
            description = "The host's xhad.conf, for this host's UUID and index (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--last", paramLabel = "N", defaultValue = "5",
            description = "How many of its records before the fence to show (default: ${DEFAULT-VALUE}).")
    int last;

    @Option(names = "--json", description = "Print the answer as JSON (docs/events.md).")
    boolean json;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = RunDir.DEFAULT_BASE_DIR,
            description = "The daemons' run-time base, as given to install (default: ${DEFAULT-VALUE}): for this host,"
                    + " whether a daemon of it still runs, so that a journal which stops with no daemon running is a"
                    + " host that died or was reset, not one still going.")
    Path runBase;

    @Override
    public Integer call() {
        if (last < 0) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "--last " + last + ": not a count");
        }
        HostSelector target = target();
        Journals.Loaded loaded = Journals.load(sources.bases());
        List<JournalEntry> entries = loaded.entries().stream()
                .filter(e -> sources.stack().map(s -> s.equals(e.stack())).orElse(true)).toList();
        FenceInquiry.Finding finding = FenceInquiry.inquire(entries, target, last, host == null
                ? daemonRunsHere(target) : FenceInquiry.MAY_STILL_RUN);
        JournalSources.warn(spec.commandLine().getErr(), loaded.malformed(), true);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, FenceReport.json(finding, loaded.files()));
        } else {
            FenceReport.text(finding).forEach(out::println);
            out.flush();
        }
        return finding.verdict().fenced() ? 0 : NOT_FENCED;
    }

    /** The host asked about; its index and UUID from the config when it lists the host. */
    private HostSelector target() {
        if (host == null) {
            DaemonConfig pool = readConfig();
            return new HostSelector(Optional.of(pool.localHost().index()), Optional.of(pool.local().hostId()));
        }
        HostSelector named = HostSelector.parse(host);
        if (named.uuid().isPresent() && Files.isRegularFile(config)) {
            HaUuid uuid = named.uuid().get();
            try { // only to name the host to its peers, who know it by index
                return new HostSelector(DaemonConfigReader.read(config).host(uuid).map(ConfiguredHost::index),
                        named.uuid());
            } catch (HaException e) {
                return named;
            }
        }
        return named;
    }

    /**
     * Whether a daemon of this host runs now, under any stack: it holds its run directory's lock (the lock a second
     * daemon fails to take). Without one, the host's last run is over, however its journal ends.
     */
    private boolean daemonRunsHere(HostSelector self) {
        HaUuid id = self.uuid().orElseThrow();
        java.util.SortedSet<String> stacks;
        try {
            stacks = RunDir.stacksUnder(runBase); // third-party stacks behind the door too
        } catch (IOException e) {
            return true; // cannot tell: say nothing the journals do not show
        }
        for (String stack : stacks) {
            Path lockFile = RunDir.of(runBase, stack, id).lockFile();
            if (!Files.exists(lockFile)) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock free = ch.tryLock()) {
                if (free == null) {
                    return true;
                }
            } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
                return true; // cannot tell: say nothing the journals do not show
            }
        }
        return false;
    }

    private DaemonConfig readConfig() {
        try {
            return DaemonConfigReader.read(config);
        } catch (HaException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, e.getMessage() + " (name the host: why-fenced HOST)",
                    e);
        }
    }
}
