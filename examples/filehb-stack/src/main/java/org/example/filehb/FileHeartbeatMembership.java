package org.example.filehb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;

/**
 * This host's view of the heartbeat directory. Each sample writes this host's heartbeat, then reads every peer's:
 * a peer is a member while its heartbeat has changed within the timeout, as this host's own clock measures it (no
 * clock is shared). A heartbeat seen for the first time does not count: it may be a line a host wrote before it
 * stopped. This host is a member while it can write its own heartbeat; when it cannot, the view is unreachable and
 * the daemon host stops petting the watchdog, which fires one watchdog timeout after the last pet. The survivors
 * drop that host after the timeout, the watchdog timeout and one interval ({@code FencingAuthority}'s stack
 * watchdog rule), by which time it was reset.
 */
public final class FileHeartbeatMembership implements MembershipSource {
    private final HeartbeatDirectory directory;
    private final HeartbeatSettings settings;
    private final List<HaUuid> peers;
    private final Majority majority;
    private final LongSupplier nanoClock;
    private final EngineLog log;
    private final Map<HaUuid, Seen> seen = new HashMap<>();
    private volatile boolean closed;
    private String lastProblem = "";

    /** A peer's last heartbeat and when this host saw it change ({@code -1}: not yet). */
    private record Seen(String beat, long changedAt) {
    }

    FileHeartbeatMembership(HeartbeatDirectory directory, HeartbeatSettings settings, List<HaUuid> pool, HaUuid local,
            LongSupplier nanoClock, EngineLog log) {
        this.directory = directory;
        this.settings = settings;
        this.peers = pool.stream().filter(h -> !h.equals(local)).toList();
        this.majority = Majority.of(pool);
        this.nanoClock = nanoClock;
        this.log = log;
    }

    /** Checks the heartbeat directory (else exit 16) and writes this host's first heartbeat. */
    public static FileHeartbeatMembership open(StackContext context, HeartbeatSettings settings) {
        Path dir = settings.directory();
        String where = " (setting " + HeartbeatSettings.DIRECTORY + " in " + context.settings().file() + ")";
        if (!Files.isDirectory(dir)) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the heartbeat directory " + dir
                    + " is not a directory" + where);
        }
        List<HaUuid> pool = context.config().hosts().stream().map(ConfiguredHost::id).toList();
        HaUuid local = context.config().local().hostId();
        HeartbeatDirectory directory = new HeartbeatDirectory(dir, local);
        try {
            directory.beat();
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot write this host's heartbeat in " + dir + ": "
                    + e.getMessage() + where);
        }
        context.log().info("filehb: heartbeat in " + directory.fileOf(local) + " every " + settings.interval().toMillis()
                + " ms, a peer unchanged for " + settings.timeout().toMillis() + " ms is lost");
        return new FileHeartbeatMembership(directory, settings, pool, local, System::nanoTime, context.log());
    }

    /** The daemon host's watchdog fences; it adds the watchdog timeout and one interval to the survivors' wait. */
    @Override
    public FencingAuthority fencing() {
        return new FencingAuthority(FileHeartbeatStackProvider.FENCING, FencingAuthority.Holder.STACK_WATCHDOG,
                Duration.ZERO);
    }

    @Override
    public Duration pollInterval() {
        return settings.interval();
    }

    @Override
    public synchronized MembershipView view() {
        if (closed) {
            return MembershipView.unreachable("filehb: closed");
        }
        long now = nanoClock.getAsLong();
        try {
            directory.beat();
        } catch (IOException e) {
            return MembershipView.unreachable("filehb: cannot write this host's heartbeat in " + directory.directory()
                    + ": " + e.getMessage());
        }
        Set<HaUuid> members = new LinkedHashSet<>();
        List<String> unreadable = new ArrayList<>();
        for (HaUuid peer : peers) {
            Optional<String> beat;
            try {
                beat = directory.read(peer);
            } catch (IOException e) {
                unreadable.add(peer.dashed() + " (" + e.getMessage() + ")");
                beat = Optional.empty();
            }
            Seen before = seen.get(peer);
            if (beat.isPresent() && (before == null || !before.beat().equals(beat.get()))) {
                seen.put(peer, new Seen(beat.get(), before == null ? -1 : now));
            }
            Seen last = seen.get(peer);
            if (last != null && last.changedAt() >= 0 && now - last.changedAt() <= settings.timeout().toNanos()) {
                members.add(peer);
            }
        }
        noteUnreadable(unreadable);
        HaUuid local = directory.localHost();
        members.add(local);
        boolean quorate = majority.holds(members);
        String who = members.size() + " of " + majority.pool().size() + " hosts beating in " + directory.directory();
        return new MembershipView(true, quorate, members, quorate ? "filehb: quorate, " + who
                : "filehb: not quorate, " + who);
    }

    /** Unreadable peer files count as silent peers; the log says so once per change. */
    private void noteUnreadable(List<String> unreadable) {
        String problem = String.join(", ", unreadable);
        if (!problem.equals(lastProblem)) {
            if (!problem.isEmpty()) {
                log.warn("filehb: cannot read the heartbeat of " + problem);
            }
            lastProblem = problem;
        }
    }

    /** The daemon host's watchdog fences, and the daemon host disarms it: never called for this stack. */
    @Override
    public void disarmManagerFencing() {
        throw new IllegalStateException("filehb does not fence: the daemon host's watchdog does, and the daemon host"
                + " disarms it");
    }

    /**
     * Stops writing; the heartbeat file stays, and the peers see it unchanged from now on. Not under the sample's
     * lock: a sample stuck on hung storage must not hold up the daemon's end.
     */
    @Override
    public void close() {
        closed = true;
        directory.clean();
    }
}
