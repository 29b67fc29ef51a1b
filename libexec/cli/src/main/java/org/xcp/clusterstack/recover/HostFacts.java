package org.xcp.clusterstack.recover;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.control.RunDir;

/**
 * Everything recover read about one host, before any rule is applied: its config, its run directory (pid file,
 * lock, start report), the statefile (read twice, {@code watched} apart, to tell which hosts still write it), how
 * its daemon's last run ended (the start report, else the journal), what its daemon answers, and which other stacks
 * have a run directory for this host ({@code otherStacks}: recover reads one stack's, {@code --stack}).
 */
public record HostFacts(String stack, Path configFile, DaemonConfig config, RunFiles run, StatefileFacts statefile,
        Optional<LastRun> lastRun, Optional<String> daemonState, List<String> otherStacks) {
    public HostFacts {
        Objects.requireNonNull(stack);
        Objects.requireNonNull(config);
        Objects.requireNonNull(run);
        Objects.requireNonNull(statefile);
        Objects.requireNonNull(lastRun);
        Objects.requireNonNull(daemonState);
        otherStacks = List.copyOf(otherStacks);
    }

    /** The facts with no other stack's run directory seen (tests). */
    public HostFacts(String stack, Path configFile, DaemonConfig config, RunFiles run, StatefileFacts statefile,
            Optional<LastRun> lastRun, Optional<String> daemonState) {
        this(stack, configFile, config, run, statefile, lastRun, daemonState, List.of());
    }

    public int localIndex() {
        return config.localHost().index();
    }

    /** A process as {@code /proc} shows it: whether it runs, and whether it is a cluster-stack daemon. */
    public record ProcessFacts(long pid, boolean running, String command) {
        /** The daemon's main class, on the command line of every daemon {@code ha_start_daemon} starts. */
        public static final String DAEMON_MAIN = "org.xcp.clusterstack.daemon.DaemonMain";

        public boolean isDaemon() {
            return running && command.contains(DAEMON_MAIN);
        }

        public String describe() {
            if (!running) {
                return "process " + pid + " is not running";
            }
            return "process " + pid + " runs " + (isDaemon() ? "a cluster-stack daemon" : "'" + abbreviated() + "'");
        }

        private String abbreviated() {
            return command.length() <= 120 ? command : command.substring(0, 117) + "...";
        }
    }

    public enum LockState {
        /** No lock file: no daemon ever ran for this host since the run directory was made (or /run was wiped). */
        NO_FILE,
        /** The lock could be taken: no daemon of this host runs. */
        FREE,
        /** Someone holds it. */
        HELD
    }

    /** The host's lock and, when held, who holds it ({@code /proc/locks}); empty when that cannot be told. */
    public record LockFacts(LockState state, Optional<ProcessFacts> holder) {
        public LockFacts {
            Objects.requireNonNull(state);
            Objects.requireNonNull(holder);
        }
    }

    /** The run directory: what the pid file says (as written), the process it names, the lock, the start report. */
    public record RunFiles(RunDir dir, Optional<String> pidText, Optional<ProcessFacts> pidProcess, LockFacts lock,
            Optional<String> startReport) {
        public RunFiles {
            Objects.requireNonNull(dir);
            Objects.requireNonNull(pidText);
            Objects.requireNonNull(pidProcess);
            Objects.requireNonNull(lock);
            Objects.requireNonNull(startReport);
        }
    }

    /**
     * The statefile as read: the image, or why it could not be read; {@code livePeers} are the other hosts whose
     * section's sequence changed while it was watched for {@code watched} (none when it was not watched).
     */
    public record StatefileFacts(Path path, Optional<String> unreadable, Optional<StatefileImage> image,
            List<Integer> livePeers, Duration watched) {
        public StatefileFacts {
            Objects.requireNonNull(path);
            Objects.requireNonNull(unreadable);
            Objects.requireNonNull(image);
            livePeers = List.copyOf(livePeers);
            Objects.requireNonNull(watched);
        }
    }

    /**
     * How the daemon's last run ended: an exit status and why, from the start report in the run directory or the
     * journal's last {@code daemon-ended}; {@code status} empty when the journal's last run has no end (killed, or
     * the host was reset).
     */
    public record LastRun(String source, Optional<Integer> status, String why, Optional<Instant> at) {
        public LastRun {
            Objects.requireNonNull(source);
            Objects.requireNonNull(status);
            Objects.requireNonNull(why);
            Objects.requireNonNull(at);
        }

        public boolean endedWith(int exit) {
            return status.isPresent() && status.get() == exit;
        }
    }
}
