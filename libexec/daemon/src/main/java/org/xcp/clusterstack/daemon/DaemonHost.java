package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.SnapshotFreshness;
import org.xcp.clusterstack.control.StartReport;
import org.xcp.clusterstack.control.Verb;
import org.xcp.clusterstack.common.Providers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.common.core.CoreDriver;
import org.xcp.clusterstack.common.core.XapiCheckState;
import org.xcp.clusterstack.common.settings.StackSettingsFile;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.EngineStackProvider;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.ForbiddenFencer;
import org.xcp.clusterstack.api.spi.Fencer;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.spi.ManagedStackProvider;
import org.xcp.clusterstack.api.spi.MembershipEngine;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.daemon.log.DaemonLog;
import org.xcp.clusterstack.daemon.log.LogLevel;
import org.xcp.clusterstack.daemon.hygiene.HygieneMode;
import org.xcp.clusterstack.daemon.hygiene.ProcessHygiene;
import org.xcp.clusterstack.daemon.managed.ManagedEngine;

/**
 * Runs one stack's engine for this host and serves the scripts: takes the per-host lock (a second daemon
 * ends with 15), opens the fencer the config asks for (4 without a watchdog), joins, then answers the
 * control socket and keeps the liveset snapshot fresh until the engine ends or a stop is requested. A start
 * that fails once the run directory is known leaves its code and reason in a {@link StartReport} there, for
 * {@code ha_start_daemon} to print.
 */
final class DaemonHost {
    record Options(String stack, Path runBase, Path logBase, Path config, List<String> faults) {
    }

    private final String stack;
    private final RunDir runDir;
    private final DaemonLog log;
    private final Fencer fencer;
    private final MembershipEngine engine;
    private final FaultPoints faults;
    private final ProcessHygiene hygiene;
    private final EventJournal journal;
    private final JournalingLog engineLog;
    private final LivesetSnapshot snapshot;
    private final XapiCommandRunner xapi;
    private final CountDownLatch finished = new CountDownLatch(1);

    private DaemonHost(String stack, RunDir runDir, DaemonLog log, Fencer fencer, ClusterStackProvider provider,
            DaemonConfig config, FaultPoints faults, StackSettings settings, ProcessHygiene hygiene,
            EventJournal journal, XapiCommandRunner xapi) {
        this.stack = stack;
        this.runDir = runDir;
        this.log = log;
        this.fencer = fencer;
        this.faults = faults;
        this.hygiene = hygiene;
        this.journal = journal;
        this.xapi = xapi;
        this.engineLog = new JournalingLog(log, journal); // info and warn to the log; record to the journal too
        LivesetSnapshot[] publisher = new LivesetSnapshot[1];
        StackContext context = new StackContext(config, fencer, engineLog, () -> publisher[0].publish(), faults,
                settings, xapi);
        if (provider instanceof EngineStackProvider own) {
            this.engine = own.open(context);
        } else if (provider instanceof ManagedStackProvider managed) {
            // the source only reads its manager: it gets a fencer that refuses every use (stacks.md §5)
            this.engine = new ManagedEngine(context, managed.open(new StackContext(config, ForbiddenFencer.INSTANCE,
                    engineLog, context.changed(), faults, settings)));
        } else {
            throw new HaException(ExitCode.INTERNAL_BUG, "stack " + stack + " is of no known kind");
        }
        this.snapshot = new LivesetSnapshot(runDir.livesetSnapshot(), engine::liveset, engine::livesetPublished,
                log);
        publisher[0] = snapshot;
    }

    static ExitCode run(Options options) {
        DaemonConfig config = DaemonConfigReader.read(options.config());
        RunDir runDir = RunDir.of(options.runBase(), options.stack(), config.local().hostId());
        runDir.create();
        try {
            return start(options, config, runDir);
        } catch (HaException e) {
            report(runDir, StartReport.of(e));
            throw e;
        } catch (RuntimeException e) {
            report(runDir, new StartReport(ExitCode.INTERNAL_BUG, "internal error: " + e));
            throw e;
        }
    }

    private static ExitCode start(Options options, DaemonConfig config, RunDir runDir) {
        FaultPoints faults = FaultPoints.of(options.faults()); // an unknown name is exit 1, before anything starts
        ClusterStackProvider provider = Providers.named(options.stack());
        StackSettings settings = StackSettingsFile.read(StackSettings.fileFor(options.config(), options.stack()));
        try (FileChannel lockFile = FileChannel.open(runDir.lockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new HaException(ExitCode.DAEMON_IS_PRESENT, "a daemon already runs for this host in "
                        + runDir.dir());
            }
            LogDir logDir = LogDir.of(options.logBase(), options.stack(), config.local().hostId());
            logDir.create();
            LogLevel level = LogLevel.of(settings);
            XapiCommandRunner.Commands xapiCommands = XapiCommandRunner.commands(settings); // a bad one is 7, now
            DaemonLog log = DaemonLog.open(logDir.daemonLog(), options.stack(), level);
            log.notice("starting: stack " + options.stack() + ", host " + config.local().hostId() + ", config "
                    + options.config() + ", WatchdogMode " + config.local().watchdogMode());
            refuseSecondFencer(options, config);
            writePid(runDir);
            if (!faults.enabledNames().isEmpty()) {
                log.warn("fault points enabled: " + String.join(" ", faults.enabledNames()));
            }
            EventJournal journal = new EventJournal(logDir.journal(), new EventJournal.Stamp(options.stack(),
                    config.local().hostId(), config.localHost().index(), ProcessHandle.current().pid()), log);
            journal.started(options.config(), config.local().watchdogMode());
            try (ProcessHygiene hygiene = ProcessHygiene.start(HygieneMode.of(settings), options.stack(),
                    config.local().hostId(), log)) {
                // a stack on an external manager opens the watchdog only if its authority is the stack watchdog
                Fencer fencer = provider instanceof ManagedStackProvider
                        ? new LazyFencer(() -> Fencers.forConfig(config, runDir, logDir, log, journal))
                        : Fencers.forConfig(config, runDir, logDir, log, journal);
                try (XapiCommandRunner xapi = XapiCommandRunner.start(xapiCommands, log)) {
                    return new DaemonHost(options.stack(), runDir, log, fencer, provider, config, faults, settings,
                            hygiene, journal, xapi).serve();
                } finally {
                    fencer.close(); // a fencer never armed stops its countdown; an armed one stays armed (§7.7)
                }
            } catch (HaException e) {
                log.error("ending with " + e.exitCode().xhadName() + ": " + e.getMessage());
                journal.ended(e.exitCode(), e.getMessage());
                throw e;
            } finally {
                Files.deleteIfExists(runDir.pidFile());
            }
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "run directory " + runDir.dir() + ": " + e);
        }
    }

    /**
     * The one-fencer rule (stacks.md §5.1, point 5): another stack's daemon running for this host may have its
     * fencer armed, so this one refuses to start, with 16 (never 15: xapi takes 15 for "already running").
     */
    private static void refuseSecondFencer(Options options, DaemonConfig config) throws IOException {
        for (String name : stacksWithRunDirectories(options.runBase())) {
            if (name.equals(options.stack())) {
                continue;
            }
            Path lockFile = RunDir.of(options.runBase(), name, config.local().hostId()).lockFile();
            if (!Files.exists(lockFile)) {
                continue;
            }
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                    FileLock held = ch.tryLock()) {
                if (held == null) {
                    throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the " + name + " stack's daemon runs for"
                            + " this host and may fence it: one fencer per host (stop it first)");
                }
            }
        }
    }

    /**
     * Every stack that may have a daemon for this host: those on this class path and every directory under the run
     * base (a stack behind the third-party door is on its own daemon's class path only).
     */
    private static java.util.Set<String> stacksWithRunDirectories(Path runBase) throws IOException {
        java.util.Set<String> names = new java.util.TreeSet<>(RunDir.stacksUnder(runBase));
        Providers.all().forEach(p -> names.add(p.manifest().name()));
        return names;
    }

    private ExitCode serve() {
        ControlServer server = ControlServer.start(runDir, this::handle, log);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "liveset-refresh");
            t.setDaemon(true);
            return t;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSigterm, "sigterm"));
        try {
            snapshot.refresh();
            long every = SnapshotFreshness.REWRITE_EVERY.toMillis();
            refresher.scheduleWithFixedDelay(snapshot::refresh, every, every, TimeUnit.MILLISECONDS);
            engine.join();
            snapshot.refresh();
            ExitCode end = engine.awaitEnd();
            log.notice("ending with " + end.xhadName());
            engineLog.close(); // the engine's records first
            // still armed at the end (the exit-19 trap of spec §7.7): the watchdog resets the host, and it says so
            journal.ended(end, engine.endReason().orElse(end == ExitCode.SUCCESS ? "stopped cleanly" : end.meaning()),
                    fencer.isArmed());
            return end;
        } catch (HaException e) {
            log.error("start failed with " + e.exitCode().xhadName() + ": " + e.getMessage());
            engine.close();
            engineLog.close();
            journal.ended(e.exitCode(), "start failed: " + e.getMessage());
            report(runDir, StartReport.of(e));
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.SYSTEM_ERROR;
        } finally {
            refresher.shutdownNow();
            snapshot.withdraw();
            server.close();
            deleteQuietly(runDir.socket());
            hygiene.close(); // here too, not only in start(): after SIGTERM the JVM exits once finished is counted down
            finished.countDown();
        }
    }

    /** SIGTERM is a clean stop, like {@code ha_stop_daemon}: disarm, stop, exit. */
    private void onSigterm() {
        log.notice("SIGTERM: stopping cleanly");
        engine.close();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request; a failure is thrown as the {@link HaException} whose code and message the reply carries. */
    private Reply handle(Request request) {
        return switch (request.verb()) {
            case STATE -> Reply.ok(engine.state().text() + "\n");
            case STATUS -> Reply.ok(status());
            case QUERY_LIVESET -> {
                String document = LivesetWriter.write(engine.liveset());
                engine.livesetPublished();
                yield Reply.ok(document);
            }
            case PROPOSE_MASTER -> Reply.ok(engine.proposeMaster() ? "TRUE\n" : "FALSE\n");
            case DISARM_FENCING -> {
                engine.disarmFencing();
                yield Reply.ok("");
            }
            case SET_POOL_STATE -> {
                engine.setPoolState(poolState(request.onlyArg()));
                yield Reply.ok("");
            }
            case SET_EXCLUDED, CLEAR_EXCLUDED -> {
                engine.setExcluded(request.verb() == Verb.SET_EXCLUDED);
                yield Reply.ok("");
            }
            case FIST -> FaultSwitch.handle(faults, request.args(), log);
            case STOP_DAEMON -> {
                Thread stopper = new Thread(engine::close, "stop");
                stopper.start();
                yield Reply.ok("");
            }
            case START_DAEMON -> throw new HaException(ExitCode.DAEMON_IS_PRESENT, "this host's daemon already runs ("
                    + runDir.dir() + ")");
        };
    }

    private static PoolState poolState(String name) {
        try {
            return PoolState.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "unknown pool state '" + name + "'");
        }
    }

    /** Leaves why the start failed for ha_start_daemon; without it the script still has the exit code. */
    private static void report(RunDir runDir, StartReport report) {
        try {
            report.write(runDir);
        } catch (IOException e) {
            System.err.println("cluster-stack daemon: cannot write the start report " + runDir.startReport() + ": "
                    + e);
        }
    }

    private String status() {
        return "stack=" + stack + "\n"
                + "pid=" + ProcessHandle.current().pid() + "\n"
                + "state=" + engine.state().text() + "\n"
                + "fencing=" + fencing() + "\n"
                + "run_dir=" + runDir.dir() + "\n"
                + String.join("\n", hygiene.statusLines()) + "\n"
                + String.join("\n", log.statusLines()) + "\n"
                + String.join("\n", journal.statusLines()) + "\n"
                + String.join("\n", XapiStatusLines.of(xapi.present(), xapi.checkCommand(), xapiCheckState(),
                        System.nanoTime(), Instant.now())) + "\n"
                + engineStatus();
    }

    /** Where the core's xapi health check stands: every engine kind runs on the core (a {@link CoreDriver}). */
    private Optional<XapiCheckState> xapiCheckState() {
        return engine instanceof CoreDriver<?> driver ? driver.xapiCheckState() : Optional.empty();
    }

    private String engineStatus() {
        StringBuilder lines = new StringBuilder();
        for (String line : engine.statusLines()) {
            lines.append(line).append('\n');
        }
        return lines.toString();
    }

    /** armed or disarmed (this daemon's watchdog), or who fences when the manager does (o2cb, Melio). */
    private String fencing() {
        if (engine instanceof ManagedEngine managed
                && managed.authority().holder() == FencingAuthority.Holder.MANAGER) {
            return "by " + managed.authority().name() + " (the cluster manager; this daemon opens no watchdog)";
        }
        return fencer.isArmed() && engine.state() == HostState.ONLINE ? "armed" : "disarmed";
    }

    private static void writePid(RunDir runDir) throws IOException {
        Path tmp = runDir.pidFile().resolveSibling("pid.tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n");
        Files.move(tmp, runDir.pidFile(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("cannot remove " + p + ": " + e);
        }
    }
}
