package org.xcp.clusterstack.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaScript;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.maintenance.MaintenanceAction;
import org.xcp.clusterstack.maintenance.Preflight;
import org.xcp.clusterstack.maintenance.PreflightVerdict;
import org.xcp.clusterstack.maintenance.ScriptRun;
import org.xcp.clusterstack.maintenance.StackScripts;
import org.xcp.clusterstack.poolstatus.HostPicture;
import org.xcp.clusterstack.poolstatus.HostState;
import org.xcp.clusterstack.poolstatus.PoolEvidence;
import org.xcp.clusterstack.poolstatus.PoolPicture;
import org.xcp.clusterstack.poolstatus.PoolPictures;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One {@code maintenance enter} or {@code exit}: the pool read as {@code pool status} reads it, the preflight, the
 * confirmation, the steps with a progress line each and, for exit, the wait until every running peer sees this host
 * live. Progress goes to stdout, or to stderr with {@code --json} (whose one object goes to stdout at the end).
 */
final class MaintenanceRun {
    static final String SCHEMA = "cluster-stack/maintenance";

    private final CommandSpec spec;
    private final LocalDaemon daemon;
    private final MaintenanceOptions options;
    private final PrintWriter progress;
    private final Map<String, Object> outcome = new LinkedHashMap<>();
    private final List<Map<String, Object>> steps = new ArrayList<>();

    MaintenanceRun(CommandSpec spec, LocalDaemon daemon, MaintenanceOptions options) {
        this.spec = spec;
        this.daemon = daemon;
        this.options = options;
        this.progress = options.json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    int run(MaintenanceAction action) {
        if (options.timeout < 1) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "--timeout must be at least 1 second, not "
                    + options.timeout);
        }
        PoolReader reader = new PoolReader(daemon, options.multipathConf);
        PoolEvidence evidence = reader.read();
        PoolPicture pool = PoolPictures.of(evidence);
        HostPicture me = pool.local();
        DaemonConfig config = evidence.config();
        Path configFile = daemon.config.toAbsolutePath();
        StackScripts scripts = new StackScripts(options.root.toAbsolutePath().resolve(daemon.stack()),
                configFile.equals(DaemonConfig.DEFAULT_PATH) ? List.of() : List.of("-C", configFile.toString()));
        PreflightVerdict verdict = action == MaintenanceAction.ENTER ? Preflight.enter(pool, evidence.rule())
                : Preflight.exit(pool);
        outcome.put("schema", SCHEMA);
        outcome.put("version", 1);
        outcome.put("action", action.word());
        outcome.put("host", me.index());
        outcome.put("uuid", me.uuid().dashed());
        outcome.put("stack", daemon.stack());
        outcome.put("dry_run", options.dryRun);
        outcome.put("refusals", verdict.refusals());
        outcome.put("notes", verdict.notes());
        outcome.put("forced", false);
        outcome.put("steps", steps);
        outcome.put("done", false);
        say("maintenance " + action.word() + " on host " + me.index() + " (this host, " + me.uuid().dashed()
                + "), stack " + daemon.stack() + " in " + scripts.dir());
        verdict.notes().forEach(n -> say("  note: " + n));
        if (verdict.nothingToDo()) {
            outcome.put("done", true);
            return finish(0);
        }
        if (verdict.refused()) {
            if (!options.force) {
                spec.commandLine().getErr().println("refused: " + String.join("; and ", verdict.refusals()));
                spec.commandLine().getErr().flush();
                return finish(1);
            }
            outcome.put("forced", true);
            verdict.refusals().forEach(r -> say("  forced past: " + r));
        }
        List<HaScript> plan = action.steps();
        if (options.dryRun) {
            for (int k = 0; k < plan.size(); k++) {
                say("step " + (k + 1) + "/" + plan.size() + ": " + scripts.commandLine(plan.get(k)));
            }
            if (action == MaintenanceAction.EXIT) {
                say("then: wait until every running peer sees host " + me.index() + " live (at most "
                        + options.timeout + " s)");
            }
            say("dry run: nothing changed");
            return finish(0);
        }
        confirm(action, me);
        for (int k = 0; k < plan.size(); k++) {
            HaScript script = plan.get(k);
            progress.print("step " + (k + 1) + "/" + plan.size() + ": " + script.fileName() + " ... ");
            progress.flush();
            ScriptRun r = scripts.run(script, options.timeout);
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("script", script.fileName());
            step.put("exit", r.status());
            step.put("seconds", r.seconds());
            steps.add(step);
            if (!r.succeeded()) {
                say(r.status() < 0 ? "did not end within " + options.timeout + " s" : "failed (exit " + r.status()
                        + ")");
                int code = r.status() < 0 ? ExitCode.TRANSIENT_SYSTEM_ERROR.number() : r.status();
                String name = ExitCode.fromNumber(code).map(c -> " (" + c.xhadName() + ")").orElse("");
                spec.commandLine().getErr().println("step " + (k + 1) + "/" + plan.size() + " " + script.fileName()
                        + (r.status() < 0 ? " did not end within " + options.timeout + " s" : " failed with exit "
                        + code + name) + (r.lastError().isEmpty() ? "" : ": " + r.lastError()));
                spec.commandLine().getErr().flush();
                return finish(code);
            }
            say("ok (" + r.seconds() + " s)");
        }
        if (action == MaintenanceAction.EXIT) {
            int waited = waitUntilSeen(reader, me.index(), config);
            if (waited != 0) {
                return finish(waited);
            }
        }
        outcome.put("done", true);
        say("maintenance " + action.word() + " done");
        return finish(0);
    }

    /** Until every running peer's section lists {@code me} as live; 12 (a join timeout) past --timeout. */
    private int waitUntilSeen(PoolReader reader, int me, DaemonConfig config) {
        progress.print("wait: every running peer sees host " + me + " live ... ");
        progress.flush();
        Instant start = Instant.now();
        Instant deadline = start.plusSeconds(options.timeout);
        List<Integer> notYet = List.of();
        while (true) {
            try {
                PoolPicture pool = PoolPictures.of(reader.read());
                notYet = pool.hosts().stream()
                        .filter(h -> !h.local() && h.running() && h.state() == HostState.ONLINE && !h.sees().contains(me))
                        .map(HostPicture::index).toList();
                if (notYet.isEmpty() && pool.local().state() == HostState.ONLINE) {
                    double s = Duration.between(start, Instant.now()).toMillis() / 1000.0;
                    say("ok (" + s + " s)");
                    outcome.put("waited_seconds", s);
                    return 0;
                }
            } catch (HaException e) {
                notYet = List.of(); // the statefile mid-write: read it again
            }
            if (Instant.now().isAfter(deadline)) {
                say("timed out");
                spec.commandLine().getErr().println("the peers did not all see host " + me + " live within "
                        + options.timeout + " s" + (notYet.isEmpty() ? "" : " (not yet: host"
                        + (notYet.size() == 1 ? " " : "s ") + notYet.stream().map(String::valueOf)
                        .collect(Collectors.joining(", ")) + ")") + ": see cluster-stack pool status");
                spec.commandLine().getErr().flush();
                return ExitCode.BOOTJOIN_TIMEOUT.number();
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCode.TRANSIENT_SYSTEM_ERROR.number();
            }
        }
    }

    private void confirm(MaintenanceAction action, HostPicture me) {
        if (options.yes) {
            return;
        }
        Console console = System.console();
        if (console == null) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "maintenance " + action.word() + " changes this host's"
                    + " membership and there is no terminal to confirm it on: add --yes");
        }
        String answer = console.readLine("%s maintenance on host %d (%s)? [y/N] ", action == MaintenanceAction.ENTER
                ? "Enter" : "Leave", me.index(), me.uuid().dashed());
        if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "not confirmed: nothing changed");
        }
    }

    private void say(String line) {
        progress.println(line);
        progress.flush();
    }

    private int finish(int code) {
        if (options.json) {
            outcome.put("exit", code);
            Json.print(spec.commandLine().getOut(), outcome);
        }
        return code;
    }
}
