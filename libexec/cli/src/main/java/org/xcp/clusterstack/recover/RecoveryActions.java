package org.xcp.clusterstack.recover;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.SectionFault;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.statefile.StatefileDevice;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.recover.HostFacts.ProcessFacts;

/**
 * The fixes recover applies itself, each after checking again, at the moment it acts, what the diagnosis rested
 * on: a condition that changed meanwhile (a daemon started, another host wrote the statefile, the lock's holder
 * changed) refuses with exit 1 and changes nothing. Each returns what it did, for the output and the journal.
 */
public final class RecoveryActions {
    private static final Duration TERM_GRACE = Duration.ofSeconds(10);

    private RecoveryActions() {
    }

    public static String apply(RecoveryAction action, HostFacts diagnosed) {
        return switch (action) {
            case REMOVE_STALE_PID -> removeStalePid(diagnosed);
            case END_LOCK_HOLDER -> endLockHolder(diagnosed);
            case CLEAR_EXCLUDED -> clearExcluded(diagnosed);
        };
    }

    private static String removeStalePid(HostFacts diagnosed) {
        RunDir run = diagnosed.run().dir();
        return underHostLock(run, () -> {
            Optional<String> now = HostProbe.readSmall(run.pidFile());
            if (!now.equals(diagnosed.run().pidText())) {
                throw refused("the pid file changed since the diagnosis (" + now.orElse("gone") + ")");
            }
            List<String> removed = new ArrayList<>();
            for (Path p : List.of(run.pidFile(), run.livesetSnapshot())) {
                if (Files.deleteIfExists(p)) {
                    removed.add(p.toString());
                }
            }
            return "removed " + String.join(" and ", removed) + " (no daemon held the lock)";
        });
    }

    private static String endLockHolder(HostFacts diagnosed) {
        ProcessFacts was = diagnosed.run().lock().holder().orElseThrow();
        HostFacts.LockFacts now = HostProbe.lock(diagnosed.run().dir().lockFile());
        if (now.state() != HostFacts.LockState.HELD || now.holder().isEmpty()
                || now.holder().get().pid() != was.pid() || !now.holder().get().command().equals(was.command())) {
            throw refused("the lock's holder changed since the diagnosis (now " + now.state().name().toLowerCase()
                    + now.holder().map(h -> ", " + h.describe()).orElse("") + ")");
        }
        if (now.holder().get().isDaemon() || was.pid() == ProcessHandle.current().pid()) {
            throw refused("process " + was.pid() + " is a daemon or this command: not ended");
        }
        ProcessHandle process = ProcessHandle.of(was.pid()).orElseThrow(() -> refused("process " + was.pid()
                + " is gone already"));
        process.destroy();
        boolean killed = false;
        try {
            process.onExit().get(TERM_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            killed = true;
            waitFor(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused("interrupted while waiting for process " + was.pid() + " to end");
        } catch (java.util.concurrent.ExecutionException e) {
            throw refused("cannot wait for process " + was.pid() + ": " + e.getCause());
        }
        HostFacts.LockState after = HostProbe.lock(diagnosed.run().dir().lockFile()).state();
        return "ended process " + was.pid() + " ('" + was.command() + "') with " + (killed ? "SIGKILL after SIGTERM"
                : "SIGTERM") + "; the lock is now " + after.name().toLowerCase();
    }

    private static void waitFor(ProcessHandle process) {
        try {
            process.onExit().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw refused("process " + process.pid() + " did not end after SIGKILL: " + e);
        }
    }

    private static String clearExcluded(HostFacts diagnosed) {
        RunDir run = diagnosed.run().dir();
        int me = diagnosed.localIndex();
        StatefileImage before = diagnosed.statefile().image().orElseThrow();
        return underHostLock(run, () -> {
            try (StatefileDevice device = StatefileDevice.open(diagnosed.config().local().stateFile())) {
                StatefileImage now = device.readImage();
                List<Integer> writers = HostProbe.writers(before, now, me);
                if (!writers.isEmpty()) {
                    throw refused("hosts " + writers + " wrote the statefile since the diagnosis: their daemons run,"
                            + " so the flag stays set (run recover again)");
                }
                GlobalSection global = now.global();
                if (!global.faults(Optional.empty()).isEmpty()
                        || global.poolStateValue().orElse(PoolState.NONE) != PoolState.ACTIVE) {
                    throw refused("the pool state is no longer ACTIVE or the global section no longer valid");
                }
                HostSection own = now.host(me);
                if (SectionFault.corrupted(own.faults()) || own.excluded() == 0) {
                    throw refused("this host's section changed since the diagnosis (excluded " + own.excluded() + ")");
                }
                device.writeHost(me, own.toBuilder().hostIndex(me).hostUuid(diagnosed.config().local().hostId())
                        .excluded(false).build());
                return "cleared the excluded flag in host " + me + "'s section of " + device.path()
                        + " (no other host's section had changed)";
            }
        });
    }

    @FunctionalInterface
    private interface Locked {
        String run() throws IOException;
    }

    /** Runs {@code action} holding the host's lock, the one a starting daemon takes: no daemon starts meanwhile. */
    private static String underHostLock(RunDir run, Locked action) {
        run.create();
        try (FileChannel ch = FileChannel.open(run.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = ch.tryLock()) {
            if (lock == null) {
                throw refused("a daemon took this host's lock since the diagnosis: nothing changed");
            }
            return action.run();
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot apply the fix in " + run.dir() + ": " + e);
        }
    }

    private static HaException refused(String why) {
        return new HaException(ExitCode.INVALID_PARAMETER, "not applied: " + why);
    }
}
