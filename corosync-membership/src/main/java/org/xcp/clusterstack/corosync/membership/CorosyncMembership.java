package org.xcp.clusterstack.corosync.membership;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * This host's view of a running corosync 3 with votequorum, read through its tools (stacks.md §2.2): quorum from
 * {@code corosync-quorumtool -s -p}'s exit status, the members from {@code corosync-cmapctl}, node names mapped
 * to the pool's host UUIDs. The daemon host's watchdog is the one fencer (stacks.md §2.6, option 1); corosync
 * itself must not fence.
 *
 * <p>Settings (keys of the stack's settings file; the stack's provider decides which keys its file allows):
 * {@code corosync.tools_dir} (where both tools are; default: PATH, then /usr/sbin, /usr/bin),
 * {@code corosync.poll_ms} (how often the daemon host samples, default 500) and
 * {@code corosync.command_timeout_ms} (how long a tool may take before it is killed, default 2000).
 */
public final class CorosyncMembership implements MembershipSource {
    private static final String TOOLS_DIR = "corosync.tools_dir";
    private static final String POLL_MS = "corosync.poll_ms";
    private static final String COMMAND_TIMEOUT_MS = "corosync.command_timeout_ms";

    /** The setting keys this source reads, as the man page lists them. */
    public static final List<SettingKey> SETTING_KEYS = List.of(
            new SettingKey(TOOLS_DIR, "PATH, then /usr/sbin, /usr/bin", "the absolute directory holding"
                    + " corosync-cmapctl and corosync-quorumtool"),
            new SettingKey(POLL_MS, "500 (50 to 10000)", "how often the daemon host samples corosync, in"
                    + " milliseconds"),
            new SettingKey(COMMAND_TIMEOUT_MS, "2000 (100 to 60000)", "how long a corosync tool may take, in"
                    + " milliseconds; then it is killed and corosync counts as not answering"));
    /** The setting keys this source reads. */
    public static final Set<String> SETTINGS = SettingKey.names(SETTING_KEYS);

    private static final String FENCING = "corosync+watchdog";
    private static final Duration DEFAULT_POLL = Duration.ofMillis(500);
    private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final DaemonConfig config;
    private final EngineLog log;
    private final CorosyncTools tools;
    private final Duration pollInterval;
    /** corosync's configuration passed {@link CorosyncConfigCheck}; until it has, no view is quorate. */
    private volatile boolean configChecked;
    private volatile boolean closed;

    private CorosyncMembership(DaemonConfig config, EngineLog log, CorosyncTools tools, Duration pollInterval) {
        this.config = config;
        this.log = log;
        this.tools = tools;
        this.pollInterval = pollInterval;
    }

    /**
     * Finds the tools and, if corosync answers now, checks its configuration. Throws {@link HaException}: 7 for
     * a bad setting, 16 when a tool is missing or corosync is configured in a way this stack refuses. A corosync
     * that does not answer yet is no error (it may be starting): its views are unreachable, and its
     * configuration is checked at its first answer.
     */
    public static CorosyncMembership open(StackContext context) {
        StackSettings settings = context.settings();
        Duration poll = bounded(settings, POLL_MS, DEFAULT_POLL, 50, 10_000);
        Duration timeout = bounded(settings, COMMAND_TIMEOUT_MS, DEFAULT_COMMAND_TIMEOUT, 100, 60_000);
        Optional<Path> dir = settings.get(TOOLS_DIR).map(v -> {
            try {
                Path p = Path.of(v);
                if (p.isAbsolute()) {
                    return p;
                }
            } catch (InvalidPathException e) {
                // reported below
            }
            throw settings.invalid(TOOLS_DIR, "must be an absolute directory, got '" + v + "'");
        });
        CorosyncTools tools = CorosyncTools.locate(dir, System.getenv("PATH"), timeout,
                TOOLS_DIR + " in " + settings.file());
        CorosyncMembership source = new CorosyncMembership(context.config(), context.log(), tools, poll);
        try {
            source.checkConfigAtOpen();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        return source;
    }

    private static Duration bounded(StackSettings settings, String key, Duration fallback, long min, long max) {
        Duration d = settings.millis(key, fallback);
        if (d.toMillis() < min || d.toMillis() > max) {
            throw settings.invalid(key, "must be between " + min + " and " + max + " ms, got " + d.toMillis());
        }
        return d;
    }

    private void checkConfigAtOpen() {
        ToolOutput out = tools.cmapKeys();
        if (!out.exitedWith(0)) {
            log.info("corosync does not answer yet (" + out.failure() + "); its configuration is checked when it"
                    + " does");
            return;
        }
        Optional<String> problem;
        try {
            problem = CorosyncConfigCheck.problem(CmapKeys.parse(out.stdout()));
        } catch (MalformedOutput e) {
            log.warn("corosync answered garbage at open (" + e.getMessage() + "); its configuration is checked at"
                    + " its next answer");
            return;
        }
        if (problem.isPresent()) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, problem.get());
        }
        configChecked = true;
    }

    /**
     * The daemon host's watchdog. Survivors wait, beyond the watchdog timeout and a poll interval, one tool
     * timeout: a reading that began just before the loss of quorum may still pet the watchdog that much later.
     */
    @Override
    public FencingAuthority fencing() {
        return new FencingAuthority(FENCING, FencingAuthority.Holder.STACK_WATCHDOG, tools.timeout());
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    /**
     * One sample. Only a consistent answer is a verdict: votequorum's exit status with text that agrees, and for a
     * quorate one the members from cmap. A tool that fails, hangs or prints what this reader does not understand
     * gives an unreachable view (no verdict: the daemon host stops petting and waits for the next answer), never
     * an exception.
     */
    @Override
    public MembershipView view() {
        if (closed) {
            return MembershipView.unreachable("the corosync reader is closed");
        }
        try {
            ToolOutput quorum = tools.quorumStatus();
            if (!quorum.exitedWith(QuorumStatus.EXIT_QUORATE) && !quorum.exitedWith(QuorumStatus.EXIT_NOT_QUORATE)) {
                return MembershipView.unreachable("corosync does not answer: " + quorum.failure());
            }
            QuorumStatus status = QuorumStatus.parse(quorum.exitCode(), quorum.stdout());
            ToolOutput cmap = tools.cmapKeys();
            CmapKeys keys;
            try {
                if (!cmap.exitedWith(0)) {
                    return membersUnread(status, "corosync does not answer: " + cmap.failure());
                }
                keys = CmapKeys.parse(cmap.stdout());
            } catch (MalformedOutput e) {
                return membersUnread(status, "corosync answered garbage: " + e.getMessage());
            }
            if (!configChecked) {
                Optional<String> problem = CorosyncConfigCheck.problem(keys);
                if (problem.isPresent()) {
                    return new MembershipView(true, false, Set.of(), problem.get());
                }
                configChecked = true;
                log.info("corosync answers and its configuration is one this stack runs on");
            }
            return CorosyncReading.view(status, keys, config);
        } catch (MalformedOutput e) {
            return MembershipView.unreachable("corosync answered garbage: " + e.getMessage());
        } catch (RuntimeException e) {
            // a reading must never end the daemon's sampling thread; the detail says what broke
            return MembershipView.unreachable("corosync's answer could not be read: " + e);
        }
    }

    /** votequorum's "not quorate" is a verdict without the members; its "quorate" is none without them. */
    private static MembershipView membersUnread(QuorumStatus status, String why) {
        if (status.quorate()) {
            return MembershipView.unreachable(why);
        }
        return new MembershipView(true, false, Set.of(), "corosync ring " + status.ringId() + ": not quorate; " + why);
    }

    /** Never called: the fencer is the daemon host's watchdog, which it disarms itself. */
    @Override
    public void disarmManagerFencing() {
        throw new IllegalStateException("corosync does not fence: the daemon host's watchdog does, and the daemon"
                + " host disarms it");
    }

    @Override
    public void close() {
        closed = true;
        tools.close();
    }
}
