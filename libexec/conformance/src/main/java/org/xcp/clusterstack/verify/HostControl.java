package org.xcp.clusterstack.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.FistAction;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;

/**
 * What verify does to a host besides running its scripts: make it stop answering (a crash), and cut its
 * statefile access through the daemon's fault point {@code sf.ioerror} (switched on over its control socket, as
 * {@code cluster-stack fist enable} does). Each returns the sentence saying why it could not, or empty.
 */
final class HostControl {
    private static final Pattern RUN_BASE = Pattern.compile("(?m)^CS_RUN_BASE='([^']*)'$");

    private final Path stackDir;
    private final String stack;
    private final PrivatePool pool;
    private final VerifyOptions options;
    private final ScriptRunner scripts;

    HostControl(Path stackDir, PrivatePool pool, VerifyOptions options, ScriptRunner scripts) {
        this.stackDir = stackDir;
        this.stack = stackDir.getFileName().toString();
        this.pool = pool;
        this.options = options;
        this.scripts = scripts;
    }

    /** The prefix that runs a command on host {@code i} (empty: here). */
    List<String> execPrefix(int i) {
        return options.templates().exec().map(t -> HostTemplates.words(t, i, pool.uuid(i))).orElse(List.of());
    }

    /** Host {@code i} stops answering at once: the crash template, or SIGKILL of its daemon and its children. */
    Optional<String> crash(int i) {
        if (options.templates().crash().isPresent()) {
            List<String> command = HostTemplates.words(options.templates().crash().get(), i, pool.uuid(i));
            ScriptRunner.Run r = scripts.exec("the host-crash command for host " + i, command, 30);
            String failure = r.unless(org.xcp.clusterstack.api.ExitCode.SUCCESS);
            return Optional.ofNullable(failure);
        }
        Path pidFile = runDir(i).pidFile();
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).strip());
        } catch (IOException | NumberFormatException e) {
            return Optional.of("cannot crash host " + i + ": no daemon pid in " + pidFile + " (give -o run-base or"
                    + " -o host-crash)");
        }
        Optional<ProcessHandle> daemon = ProcessHandle.of(pid);
        if (daemon.isEmpty()) {
            return Optional.of("cannot crash host " + i + ": its daemon (pid " + pid + " in " + pidFile + ") is gone");
        }
        List<ProcessHandle> all = new ArrayList<>(daemon.get().descendants().toList());
        all.add(0, daemon.get());
        all.forEach(ProcessHandle::destroyForcibly); // SIGKILL, the daemon first: nothing runs its clean stop
        try {
            daemon.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Optional.of("cannot crash host " + i + ": its daemon (pid " + pid + ") outlived SIGKILL by 10 s");
        }
        return Optional.empty();
    }

    /** Every statefile read and write of host {@code i}'s daemon fails from now on (fault point sf.ioerror). */
    Optional<String> cutStatefile(int i) {
        RunDir dir = runDir(i);
        try {
            Optional<Reply> reply = new ControlClient(dir).request(Request.of(Verb.FIST, FistAction.ENABLE.word(),
                    FaultPoint.SF_IOERROR.label()), Optional.of(Duration.ofSeconds(10)));
            if (reply.isEmpty()) {
                return Optional.of("cannot cut host " + i + "'s statefile access: no daemon answers on "
                        + dir.socket() + " (give -o run-base)");
            }
            return reply.get().succeeded() ? Optional.empty() : Optional.of("cannot cut host " + i
                    + "'s statefile access: its daemon refused fault point " + FaultPoint.SF_IOERROR.label() + ": "
                    + reply.get().message());
        } catch (HaException e) {
            return Optional.of("cannot cut host " + i + "'s statefile access: " + e.getMessage());
        }
    }

    private RunDir runDir(int i) {
        Path base = options.templates().runBase().map(t -> Path.of(HostTemplates.fill(t, i, pool.uuid(i))))
                .orElseGet(this::installedRunBase);
        return RunDir.of(base, stack, pool.uuid(i));
    }

    /** The run base {@code cluster-stack install} wrote in the stack's ha_env.rc, else the default. */
    private Path installedRunBase() {
        try {
            Matcher m = RUN_BASE.matcher(Files.readString(stackDir.resolve("ha_env.rc")));
            if (m.find()) {
                return Path.of(m.group(1));
            }
        } catch (IOException e) {
            // not installed by cluster-stack install: the default base
        }
        return RunDir.DEFAULT_BASE;
    }
}
