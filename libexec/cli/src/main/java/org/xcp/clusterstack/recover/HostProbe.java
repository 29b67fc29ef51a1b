package org.xcp.clusterstack.recover;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.OneLine;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import org.xcp.clusterstack.events.JournalEntry;
import org.xcp.clusterstack.events.JournalReader;
import org.xcp.clusterstack.recover.HostFacts.LastRun;
import org.xcp.clusterstack.recover.HostFacts.LockFacts;
import org.xcp.clusterstack.recover.HostFacts.LockState;
import org.xcp.clusterstack.recover.HostFacts.ProcessFacts;
import org.xcp.clusterstack.recover.HostFacts.RunFiles;
import org.xcp.clusterstack.recover.HostFacts.StatefileFacts;

/**
 * Reads one host's facts from where they are: the run directory (pid file, lock, start report), {@code /proc}
 * (the processes they name, the lock's holder in {@code /proc/locks}), the statefile (read-only, twice
 * {@code watch} apart when the host is excluded or its last start was refused, to tell which hosts still write
 * it), the host's event journal and its daemon's control socket. It changes nothing.
 */
public final class HostProbe {
    /** How long the daemon may take to answer STATUS: a daemon that does not is treated as hung. */
    private static final Duration ANSWER = Duration.ofSeconds(10);

    private final String stack;
    private final Path configFile;
    private final DaemonConfig config;
    private final RunDir runDir;
    private final LogDir logDir;

    public HostProbe(String stack, Path configFile, DaemonConfig config, RunDir runDir, LogDir logDir) {
        this.stack = stack;
        this.configFile = configFile;
        this.config = config;
        this.runDir = runDir;
        this.logDir = logDir;
    }

    /** Every fact; {@code watch} is how long to watch the statefile for other hosts' writes when that matters. */
    public HostFacts facts(Duration watch) {
        RunFiles run = runFiles(runDir);
        Optional<LastRun> last = lastRun(run);
        Optional<String> daemonState = run.lock().state() == LockState.HELD ? daemonState() : Optional.empty();
        StatefileFacts statefile = statefile(watch, last);
        return new HostFacts(stack, configFile, config, run, statefile, last, daemonState, otherStacks());
    }

    /** The other stacks that have a run directory for this host: a daemon of theirs ran here. */
    private List<String> otherStacks() {
        Path base = runDir.dir().getParent().getParent();
        List<String> others = new ArrayList<>();
        try {
            for (String name : RunDir.stacksUnder(base)) { // third-party stacks behind the door too
                if (!name.equals(stack) && Files.isDirectory(RunDir.of(base, name, config.local().hostId()).dir())) {
                    others.add(name);
                }
            }
        } catch (IOException e) {
            // a base this probe cannot list: no other stack is known to have run here
        }
        return others;
    }

    public static RunFiles runFiles(RunDir runDir) {
        Optional<String> pidText = readSmall(runDir.pidFile());
        Optional<ProcessFacts> pidProcess = pidText.flatMap(HostProbe::pidOf).map(HostProbe::process);
        return new RunFiles(runDir, pidText, pidProcess, lock(runDir.lockFile()), readSmall(runDir.startReport()));
    }

    /** Whether the lock can be taken now; a held one's holder from {@code /proc/locks}. */
    public static LockFacts lock(Path lockFile) {
        if (!Files.exists(lockFile)) {
            return new LockFacts(LockState.NO_FILE, Optional.empty());
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock free = ch.tryLock()) {
            if (free != null) {
                return new LockFacts(LockState.FREE, Optional.empty());
            }
        } catch (OverlappingFileLockException e) {
            // this very process holds it (a test): report it like any other holder
        } catch (IOException e) {
            return new LockFacts(LockState.HELD, Optional.empty()); // cannot prove it free: treat it as held
        }
        return new LockFacts(LockState.HELD, ProcLocks.holderOf(lockFile).map(HostProbe::process));
    }

    /** A process as {@code /proc} shows it now. */
    public static ProcessFacts process(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        boolean running = handle.isPresent() && handle.get().isAlive() && !zombie(pid);
        String command = "";
        if (running) {
            try {
                command = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                        StandardCharsets.UTF_8).replace('\0', ' ').strip();
            } catch (IOException e) {
                running = false; // gone between the two looks
            }
        }
        return new ProcessFacts(pid, running, command);
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName >= 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException e) {
            return true;
        }
    }

    private static Optional<Long> pidOf(String text) {
        try {
            long pid = Long.parseLong(text.strip());
            return pid > 0 ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A small run-time file's text, one line; empty when there is none. */
    static Optional<String> readSmall(Path file) {
        try {
            if (Files.size(file) > 4096) {
                return Optional.of("(" + Files.size(file) + " bytes, not a run-time file's)");
            }
            return Optional.of(OneLine.of(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("(unreadable: " + e.getMessage() + ")");
        }
    }

    /** The start report when there is one (this boot's last failed start), else the journal's last run. */
    private Optional<LastRun> lastRun(RunFiles run) {
        if (run.startReport().isPresent()) {
            String text = run.startReport().get();
            int space = text.indexOf(' ');
            try {
                int status = Integer.parseInt(space < 0 ? text : text.substring(0, space));
                return Optional.of(new LastRun("start-report " + runDir.startReport(), Optional.of(status),
                        space < 0 ? "" : text.substring(space + 1), Optional.empty()));
            } catch (NumberFormatException e) {
                // malformed: the journal may still say
            }
        }
        Path journal = logDir.journal();
        if (!Files.isRegularFile(journal)) {
            return Optional.empty();
        }
        List<JournalEntry> entries;
        try {
            entries = JournalReader.read(journal).entries();
        } catch (HaException e) {
            return Optional.empty();
        }
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            if (!e.stack().equals(stack) || !e.host().equals(config.local().hostId())) {
                continue;
            }
            String source = "journal " + journal + ":" + e.line();
            if (e.is(EventKind.DAEMON_ENDED)) {
                Optional<Integer> status = e.evidence().get("exit_status") instanceof Number n
                        ? Optional.of(n.intValue()) : Optional.empty();
                return Optional.of(new LastRun(source, status.or(() -> Optional.of(-1)), e.summary(),
                        Optional.of(e.time())));
            }
            if (e.is(EventKind.DAEMON_STARTED)) {
                return Optional.of(new LastRun(source, Optional.empty(), "killed, or the host was reset",
                        Optional.of(e.time())));
            }
        }
        return Optional.empty();
    }

    private Optional<String> daemonState() {
        try {
            Optional<Reply> reply = new ControlClient(runDir).request(Request.of(Verb.STATUS), Optional.of(ANSWER));
            return reply.filter(Reply::succeeded).map(r -> r.stdout().lines().filter(l -> l.startsWith("state="))
                    .map(l -> l.substring("state=".length())).findFirst().orElse("unknown"));
        } catch (HaException e) {
            return Optional.empty(); // no answer in time
        }
    }

    private StatefileFacts statefile(Duration watch, Optional<LastRun> last) {
        Path path = config.local().stateFile();
        StatefileImage first;
        try {
            first = read(path);
        } catch (HaException e) {
            return new StatefileFacts(path, Optional.of(e.getMessage() + " (exit " + e.exitCode().number() + ")"),
                    Optional.empty(), List.of(), Duration.ZERO);
        }
        int me = config.localHost().index();
        boolean matters = first.host(me).excluded() != 0
                || last.map(r -> r.endedWith(13) || r.endedWith(18)).orElse(false);
        if (!matters || watch.isZero()) {
            return new StatefileFacts(path, Optional.empty(), Optional.of(first), List.of(), Duration.ZERO);
        }
        sleep(watch);
        StatefileImage second;
        try {
            second = read(path);
        } catch (HaException e) {
            return new StatefileFacts(path, Optional.of(e.getMessage() + " (exit " + e.exitCode().number() + ")"),
                    Optional.empty(), List.of(), Duration.ZERO);
        }
        return new StatefileFacts(path, Optional.empty(), Optional.of(second), writers(first, second, me), watch);
    }

    /** The hosts other than {@code me} whose section's sequence differs between two reads. */
    static List<Integer> writers(StatefileImage before, StatefileImage after, int me) {
        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < after.hosts().size(); i++) {
            if (i != me && before.host(i).sequence() != after.host(i).sequence()) {
                live.add(i);
            }
        }
        return live;
    }

    static StatefileImage read(Path path) {
        try (StatefileDevice device = StatefileDevice.openReadOnly(path)) {
            return device.readImage();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
