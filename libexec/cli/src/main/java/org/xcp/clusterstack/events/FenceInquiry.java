package org.xcp.clusterstack.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.events.EventFilter.HostSelector;

/**
 * "Why was this host fenced?" from the journals: the host's own lines, cut into runs of its daemon (each starts at
 * a {@code daemon-started}), and its peers' {@code host-dropped} lines about it. The run asked about is the latest
 * one that is over: the current run, still recording and not dropped by any peer since, is passed over, since after
 * a reboot the daemon starts again. How that run ended is the {@link Verdict}; its records before the end, and each
 * peer's last drop of the host in that run's time, complete the answer.
 */
public final class FenceInquiry {
    /** How the run ended, and whether that was a fence. */
    public enum Verdict {
        /** It fenced itself: its {@code self-fence} line (the survival rule, a fence request) says why. */
        SELF_FENCE("self-fence", true),
        /** It stopped petting its watchdog on purpose ({@code watchdog-unpetted}), and the watchdog reset it. */
        WATCHDOG_UNPETTED("watchdog-unpetted", true),
        /** Its user watchdog fired ({@code watchdog-fired}): the daemon hung, or died without disarming. */
        WATCHDOG_FIRED("watchdog-fired", true),
        /** No line says so, but the daemon stopped recording while armed: it died or hung, the watchdog reset it. */
        STOPPED_WHILE_ARMED("stopped-while-armed", true),
        /** Its daemon ended with fencing still armed ({@code daemon-ended}, {@code armed}: the exit-19 trap). */
        ENDED_WHILE_ARMED("ended-while-armed", true),
        /** Its own journal was not read; its peers dropped it from their livesets. */
        DROPPED_BY_PEERS("dropped-by-peers", true),
        /** Its daemon ended ({@code daemon-ended}), and no watchdog fired after. */
        ENDED_CLEANLY("ended-cleanly", false),
        /** Its daemon stopped recording while disarmed, or with WatchdogMode NONE: nothing was armed to fence it. */
        STOPPED_WHILE_DISARMED("stopped-while-disarmed", false),
        /** Its daemon's only run is still going: nothing has ended. */
        RUNNING("running", false);

        private final String wire;
        private final boolean fenced;

        Verdict(String wire, boolean fenced) {
            this.wire = wire;
            this.fenced = fenced;
        }

        public String wire() {
            return wire;
        }

        public boolean fenced() {
            return fenced;
        }
    }

    /** What a peer recorded about the host: its last {@code host-dropped} of it in the run's time, if any. */
    public record PeerView(int index, HaUuid uuid, Optional<JournalEntry> dropped) {
    }

    /**
     * The answer: the host, the verdict and when; the line that says why ({@code record}) and what followed it
     * ({@code then}: a watchdog that fired after a self-fence); the host's records just {@code before}; the peers.
     */
    public record Finding(Optional<Integer> index, Optional<HaUuid> uuid, Verdict verdict, Instant time,
            Optional<JournalEntry> record, List<JournalEntry> then, List<JournalEntry> before, List<PeerView> peers) {
    }

    private FenceInquiry() {
    }

    /** For a host whose daemon may be running now, as far as the caller can tell (another host's). */
    public static final boolean MAY_STILL_RUN = true;

    /** Exit 1 when no line was written by the host and no peer dropped it. */
    public static Finding inquire(List<JournalEntry> entries, HostSelector host, int lastRecords) {
        return inquire(entries, host, lastRecords, MAY_STILL_RUN);
    }

    /**
     * @param mayStillRun false when the caller knows no daemon of the host runs now (this host, after a reboot): its
     *        last run is then over however its journal ends, and a journal that stops while armed is a host reset
     */
    public static Finding inquire(List<JournalEntry> entries, HostSelector host, int lastRecords,
            boolean mayStillRun) {
        // what recover recorded later is an admin's act, not the daemon's run: it never moves when a run stopped
        List<JournalEntry> own = entries.stream().filter(host::matches).filter(e -> !e.is(EventKind.RECOVERY))
                .toList();
        Optional<HaUuid> uuid = host.uuid().or(() -> own.stream().map(JournalEntry::host).findFirst());
        Optional<Integer> index = own.isEmpty() ? host.index()
                : Optional.of(own.get(own.size() - 1).hostIndex());
        List<JournalEntry> others = entries.stream().filter(e -> uuid.map(u -> !u.equals(e.host()))
                .orElseGet(() -> index.map(i -> i != e.hostIndex()).orElse(true))).toList();
        if (own.isEmpty()) {
            return fromPeers(index, uuid, others, host);
        }
        List<List<JournalEntry>> runs = runs(own);
        for (int r = runs.size() - 1; r >= 0; r--) {
            List<JournalEntry> run = runs.get(r);
            Instant start = run.get(0).time();
            Instant end = r + 1 < runs.size() ? runs.get(r + 1).get(0).time() : Instant.MAX;
            List<PeerView> peers = peers(others, index, start, end);
            boolean droppedSince = peers.stream().anyMatch(p -> p.dropped().filter(d -> !d.time()
                    .isBefore(last(run).time())).isPresent());
            Finding f = ending(run, index, uuid, peers, lastRecords, mayStillRun && r == runs.size() - 1
                    && !droppedSince);
            if (f.verdict() != Verdict.RUNNING || r == 0) {
                return f;
            }
        }
        throw new IllegalStateException("a host with lines has a run");
    }

    /** How {@code run} ended; {@code current}: it may still be going. */
    private static Finding ending(List<JournalEntry> run, Optional<Integer> index, Optional<HaUuid> uuid,
            List<PeerView> peers, int lastRecords, boolean current) {
        Optional<JournalEntry> selfFence = lastOf(run, EventKind.SELF_FENCE);
        Optional<JournalEntry> fired = lastOf(run, EventKind.WATCHDOG_FIRED);
        Optional<JournalEntry> unpetted = lastOf(run, EventKind.WATCHDOG_UNPETTED);
        Optional<JournalEntry> ended = lastOf(run, EventKind.DAEMON_ENDED);
        boolean watchdog = hasWatchdog(run);
        boolean firedAfterEnd = fired.isPresent() && ended.map(e -> !fired.get().time().isBefore(e.time()))
                .orElse(true);
        Verdict verdict;
        Optional<JournalEntry> why;
        if (selfFence.isPresent()) {
            verdict = Verdict.SELF_FENCE;
            why = selfFence;
        } else if (firedAfterEnd) {
            verdict = unpetted.isPresent() ? Verdict.WATCHDOG_UNPETTED : Verdict.WATCHDOG_FIRED;
            why = unpetted.or(() -> fired);
        } else if (ended.isPresent()) {
            verdict = watchdog && Boolean.TRUE.equals(ended.get().evidence().get("armed")) ? Verdict.ENDED_WHILE_ARMED
                    : Verdict.ENDED_CLEANLY;
            why = ended;
        } else if (unpetted.isPresent() && watchdog) {
            verdict = Verdict.WATCHDOG_UNPETTED;
            why = unpetted;
        } else if (current) {
            verdict = Verdict.RUNNING;
            why = Optional.empty();
        } else {
            verdict = watchdog && armedAtEnd(run) ? Verdict.STOPPED_WHILE_ARMED : Verdict.STOPPED_WHILE_DISARMED;
            why = Optional.empty();
        }
        int cut = why.map(run::indexOf).orElse(run.size());
        List<JournalEntry> before = verdict == Verdict.RUNNING ? List.of()
                : run.subList(Math.max(0, cut - lastRecords), cut);
        List<JournalEntry> then = why.isEmpty() ? List.of() : run.subList(cut + 1, run.size()).stream()
                .filter(e -> e.is(EventKind.WATCHDOG_FIRED) || e.is(EventKind.DAEMON_ENDED)).toList();
        Instant time = why.map(JournalEntry::time).orElseGet(() -> verdict == Verdict.RUNNING ? run.get(0).time()
                : last(run).time());
        return new Finding(index, uuid, verdict, time, why, then, List.copyOf(before), peers);
    }

    private static Finding fromPeers(Optional<Integer> index, Optional<HaUuid> uuid, List<JournalEntry> others,
            HostSelector host) {
        if (index.isEmpty()) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "no journal line of " + host + " was read, and its"
                    + " peers name hosts by index: give its index, or the config (-C) that lists it");
        }
        List<PeerView> peers = peers(others, index, Instant.MIN, Instant.MAX);
        Optional<Instant> first = peers.stream().flatMap(p -> p.dropped().stream()).map(JournalEntry::time)
                .min(Comparator.naturalOrder());
        if (first.isEmpty()) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "no journal line of " + host + " was read, and no"
                    + " peer recorded dropping it (pass its log directory with --log-base; see docs/events.md)");
        }
        return new Finding(index, uuid, Verdict.DROPPED_BY_PEERS, first.get(), Optional.empty(), List.of(),
                List.of(), peers);
    }

    /** Each peer seen in the journals, with its last drop of host {@code index} from {@code start} to {@code end}. */
    private static List<PeerView> peers(List<JournalEntry> others, Optional<Integer> index, Instant start,
            Instant end) {
        Map<HaUuid, PeerView> peers = new LinkedHashMap<>();
        for (JournalEntry e : others) {
            PeerView seen = peers.get(e.host());
            Optional<JournalEntry> dropped = seen == null ? Optional.empty() : seen.dropped();
            if (e.is(EventKind.HOST_DROPPED) && index.isPresent() && e.evidenceHost("host").equals(index)
                    && !e.time().isBefore(start) && e.time().isBefore(end)) {
                dropped = Optional.of(e);
            }
            peers.put(e.host(), new PeerView(e.hostIndex(), e.host(), dropped));
        }
        List<PeerView> byIndex = new ArrayList<>(peers.values());
        byIndex.sort(Comparator.comparingInt(PeerView::index));
        return List.copyOf(byIndex);
    }

    /**
     * The host's lines cut into its daemon's runs: a run starts at {@code daemon-started}, or where another
     * process's line follows (a run whose first line was lost); the user watchdog's line belongs to the run it
     * fenced.
     */
    static List<List<JournalEntry>> runs(List<JournalEntry> own) {
        List<List<JournalEntry>> runs = new ArrayList<>();
        List<JournalEntry> run = null;
        long pid = -1;
        for (JournalEntry e : own) {
            boolean watchdog = e.is(EventKind.WATCHDOG_FIRED);
            if (run == null || e.is(EventKind.DAEMON_STARTED) || (!watchdog && e.pid() != pid)) {
                run = new ArrayList<>();
                runs.add(run);
            }
            run.add(e);
            if (!watchdog) {
                pid = e.pid();
            }
        }
        return runs;
    }

    /** Whether the run had a watchdog to reset the host: not with WatchdogMode NONE, as its daemon-started says. */
    private static boolean hasWatchdog(List<JournalEntry> run) {
        return lastOf(run, EventKind.DAEMON_STARTED).map(e -> !"NONE".equals(e.evidence().get("watchdog_mode")))
                .orElse(true);
    }

    private static boolean armedAtEnd(List<JournalEntry> run) {
        boolean armed = false;
        for (JournalEntry e : run) {
            if (e.is(EventKind.ARMED)) {
                armed = true;
            } else if (e.is(EventKind.DISARMED) || e.is(EventKind.DAEMON_ENDED)) {
                armed = false;
            }
        }
        return armed;
    }

    private static Optional<JournalEntry> lastOf(List<JournalEntry> run, EventKind kind) {
        for (int i = run.size() - 1; i >= 0; i--) {
            if (run.get(i).is(kind)) {
                return Optional.of(run.get(i));
            }
        }
        return Optional.empty();
    }

    private static JournalEntry last(List<JournalEntry> run) {
        return run.get(run.size() - 1);
    }
}
