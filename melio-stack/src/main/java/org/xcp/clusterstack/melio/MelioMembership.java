package org.xcp.clusterstack.melio;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.common.command.CommandResult;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;

/**
 * This host's view of Melio's cluster service, read through {@code melio-cluster status} (CONTRACT.md).
 * Melio fences by itself (M3, M4): the authority is the manager's, with the window W_f. Whatever the service
 * answers that this stack cannot trust gives a view that is not quorate, with the reason in its detail.
 */
public final class MelioMembership implements MembershipSource {
    public static final String STATUS = "status";
    public static final String DISARM = "disarm-fencing";

    private final ServiceCommand service;
    private final FencingAuthority fencing;
    private final Duration pollInterval;
    private final Set<HaUuid> poolHosts;
    private final HaUuid localHost;
    private final EngineLog log;
    /** Set while a disarm is asked for and after it succeeded: from then on fencing_armed=no is expected. */
    private volatile boolean disarmed;
    private volatile boolean closed;
    private String tieBreakLogged = "";

    private MelioMembership(ServiceCommand service, FencingAuthority fencing, Duration pollInterval,
            StackContext context) {
        this.service = service;
        this.fencing = fencing;
        this.pollInterval = pollInterval;
        this.poolHosts = poolHosts(context);
        this.localHost = context.config().local().hostId();
        this.log = context.log();
    }

    private static Set<HaUuid> poolHosts(StackContext context) {
        return context.config().hosts().stream().map(ConfiguredHost::id).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Checks that the service's command can be run (else exit 16) and asks the service once for its fence
     * window: if it states a longer one than {@code melio.fence_window_ms}, that one is used, with a warning.
     * Does not wait for the service to be up or quorate: the daemon host's start waits on {@link #view()} (M10).
     */
    public static MelioMembership open(StackContext context, MelioSettings settings) {
        Path command = settings.command();
        if (!Files.exists(command)) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "Melio's cluster service command " + command
                    + " does not exist (setting " + MelioSettings.COMMAND + " in " + context.settings().file() + ")");
        }
        if (!Files.isRegularFile(command) || !Files.isExecutable(command)) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "Melio's cluster service command " + command
                    + " is not an executable file (setting " + MelioSettings.COMMAND + " in "
                    + context.settings().file() + ")");
        }
        ServiceCommand service;
        try {
            service = ServiceCommand.create(command, settings.commandTimeout());
        } catch (UncheckedIOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "cannot make a directory for the output of " + command
                    + ": " + e.getCause().getMessage());
        }
        Duration window = fenceWindow(service, settings.fenceWindow(), context);
        context.log().info("melio: " + command + " (timeout " + settings.commandTimeout().toMillis()
                + " ms), polled every " + settings.pollInterval().toMillis() + " ms, fence window "
                + window.toMillis() + " ms");
        return new MelioMembership(service, FencingAuthority.manager(MelioStackProvider.FENCING, window),
                settings.pollInterval(), context);
    }

    /** The configured W_f, or the service's if it states a longer one: no peer may be reported dead early (M3). */
    private static Duration fenceWindow(ServiceCommand service, Duration configured, StackContext context) {
        CommandResult answer = service.run(STATUS);
        String problem;
        if (answer.exitedWith(0)) {
            try {
                MelioStatus status = status(answer, poolHosts(context), context.config().local().hostId());
                if (status.fenceWindow().compareTo(configured) > 0) {
                    context.log().warn("melio: the service states a fence window of " + status.fenceWindow().toMillis()
                            + " ms, longer than " + MelioSettings.FENCE_WINDOW + " = " + configured.toMillis()
                            + " ms in " + context.settings().file() + "; using " + status.fenceWindow().toMillis()
                            + " ms (raise the setting)");
                    return status.fenceWindow();
                }
                return configured;
            } catch (MelioStatus.Malformed e) {
                problem = "answered garbage: " + e.getMessage();
            }
        } else {
            problem = service.failure(answer);
        }
        context.log().info("melio: " + service.command() + " " + STATUS + " " + problem + " at start; fence window "
                + configured.toMillis() + " ms from " + MelioSettings.FENCE_WINDOW
                + " (a longer one stated later makes the view not quorate)");
        return configured;
    }

    @Override
    public FencingAuthority fencing() {
        return fencing;
    }

    @Override
    public Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public synchronized MembershipView view() {
        if (closed) {
            return MembershipView.unreachable("melio: closed");
        }
        CommandResult answer = service.run(STATUS);
        String asked = service.command() + " " + STATUS;
        if (!answer.exitedWith(0)) {
            return MembershipView.unreachable(asked + " " + service.failure(answer));
        }
        MelioStatus status;
        try {
            status = status(answer, poolHosts, localHost);
        } catch (MelioStatus.Malformed e) {
            return notQuorate(asked + " answered garbage: " + e.getMessage());
        }
        if (!status.tieBreak().equals(tieBreakLogged)) {
            log.info("melio: the service's tie-break rule: " + status.tieBreak());
            tieBreakLogged = status.tieBreak();
        }
        if (status.fenceWindow().compareTo(fencing.windowAfterLoss()) > 0) {
            return notQuorate(asked + ": the service's fence window " + status.fenceWindow().toMillis()
                    + " ms exceeds the " + fencing.windowAfterLoss().toMillis() + " ms this stack started with: peers"
                    + " could be reported dead before they are fenced (raise " + MelioSettings.FENCE_WINDOW
                    + " and restart HA)");
        }
        if (status.quorate() && !status.fencingArmed() && !disarmed) {
            return notQuorate(asked + ": quorate but fencing_armed=no: this host could not be fenced if it lost"
                    + " quorum, so it does not count as a member");
        }
        String who = status.members().size() + " of " + poolHosts.size() + " pool hosts";
        return new MembershipView(true, status.quorate(), status.members(), status.quorate()
                ? "melio: quorate, " + who : "melio: not quorate (" + who + " in this partition)");
    }

    /** The answer of a status that exited 0; one that printed past the cap is no status. */
    private static MelioStatus status(CommandResult answer, Set<HaUuid> poolHosts, HaUuid localHost)
            throws MelioStatus.Malformed {
        if (answer.truncated()) {
            throw new MelioStatus.Malformed("more than " + ServiceCommand.MAX_OUTPUT + " bytes of output");
        }
        return MelioStatus.parse(answer.stdout(), poolHosts, localHost);
    }

    private static MembershipView notQuorate(String detail) {
        return new MembershipView(true, false, Set.of(), detail);
    }

    /**
     * Asks the service to disarm this host's fencing (M8). Exit 0 is the only success; anything else is exit 16
     * with the service's reason, never 14 or 17 (stacks.md §3.8).
     */
    @Override
    public void disarmManagerFencing() {
        disarmed = true;
        CommandResult answer = service.run(DISARM);
        if (answer.exitedWith(0)) {
            log.info("melio: fencing disarmed by the service");
            return;
        }
        disarmed = false;
        throw new HaException(ExitCode.INVALID_ENVIRONMENT, "Melio cannot disarm fencing on this host: "
                + service.command() + " " + DISARM + " " + service.failure(answer));
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            service.close();
        }
    }
}
