package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.common.Providers;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.xcp.clusterstack.common.settings.StackSettingsFile;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigReader;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;
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
import org.xcp.clusterstack.daemon.managed.ManagedEngine;

/**
 * Runs one stack's engine for this host and serves the scripts: takes the per-host lock (a second daemon
 * ends with 15), opens the fencer the config asks for (4 without a watchdog), joins, then answers the
 * control socket and keeps the liveset snapshot fresh until the engine ends or a stop is requested.
 */
final class DaemonHost {
    record Options(String stack, Path runBase, Path config, List<String> faults) {
    }

    private final String stack;
    private final RunDir runDir;
    private final DaemonLog log;
    private final Fencer fencer;
    private final MembershipEngine engine;
    private final FaultPoints faults;
    private final LivesetSnapshot snapshot;
    private final CountDownLatch finished = new CountDownLatch(1);

    private DaemonHost(String stack, RunDir runDir, DaemonLog log, Fencer fencer, ClusterStackProvider provider,
            DaemonConfig config, FaultPoints faults, StackSettings settings) {
        this.stack = stack;
        this.runDir = runDir;
        this.log = log;
        this.fencer = fencer;
        this.faults = faults;
        LivesetSnapshot[] publisher = new LivesetSnapshot[1];
        StackContext context = new StackContext(config, fencer, log, () -> publisher[0].publish(), faults,
                settings);
        if (provider instanceof EngineStackProvider own) {
            this.engine = own.open(context);
        } else if (provider instanceof ManagedStackProvider managed) {
            // the source only reads its manager: it gets a fencer that refuses every use (stacks.md §5)
            this.engine = new ManagedEngine(context, managed.open(new StackContext(config, ForbiddenFencer.INSTANCE,
                    log, context.changed(), faults, settings)));
        } else {
            throw new HaException(ExitCode.INTERNAL_BUG, "stack " + stack + " is of no known kind");
        }
        this.snapshot = new LivesetSnapshot(runDir.livesetSnapshot(), engine::liveset, log);
        publisher[0] = snapshot;
    }

    static ExitCode run(Options options) {
        DaemonConfig config = DaemonConfigReader.read(options.config());
        FaultPoints faults = FaultPoints.of(options.faults()); // an unknown name is exit 1, before anything starts
        ClusterStackProvider provider = Providers.named(options.stack());
        StackSettings settings = StackSettingsFile.read(StackSettings.fileFor(options.config(), options.stack()));
        RunDir runDir = RunDir.of(options.runBase(), options.stack(), config.local().hostId());
        runDir.create();
        try (FileChannel lockFile = FileChannel.open(runDir.lockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.tryLock()) {
            if (lock == null) {
                throw new HaException(ExitCode.DAEMON_IS_PRESENT, "a daemon already runs for this host in "
                        + runDir.dir());
            }
            DaemonLog log = new DaemonLog(runDir.log());
            log.info("starting: stack " + options.stack() + ", host " + config.local().hostId() + ", config "
                    + options.config() + ", WatchdogMode " + config.local().watchdogMode());
            refuseSecondFencer(options, config);
            writePid(runDir);
            if (!faults.enabledNames().isEmpty()) {
                log.warn("fault points enabled: " + String.join(" ", faults.enabledNames()));
            }
            try {
                // a stack on an external manager opens the watchdog only if its authority is the stack watchdog
                Fencer fencer = provider instanceof ManagedStackProvider
                        ? new LazyFencer(() -> Fencers.forConfig(config, runDir, log))
                        : Fencers.forConfig(config, runDir, log);
                try {
                    return new DaemonHost(options.stack(), runDir, log, fencer, provider, config, faults, settings)
                            .serve();
                } finally {
                    fencer.close(); // a fencer never armed stops its countdown; an armed one stays armed (§7.7)
                }
            } catch (HaException e) {
                log.info("ending with " + e.exitCode().xhadName() + ": " + e.getMessage());
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
        for (ClusterStackProvider other : Providers.all()) {
            String name = other.manifest().name();
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
            refresher.scheduleWithFixedDelay(snapshot::refresh, LivesetSnapshot.REFRESH_MS,
                    LivesetSnapshot.REFRESH_MS, TimeUnit.MILLISECONDS);
            engine.join();
            snapshot.refresh();
            ExitCode end = engine.awaitEnd();
            log.info("ending with " + end.xhadName());
            return end;
        } catch (HaException e) {
            log.info("start failed with " + e.exitCode().xhadName() + ": " + e.getMessage());
            engine.close();
            return e.exitCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.SYSTEM_ERROR;
        } finally {
            refresher.shutdownNow();
            snapshot.withdraw();
            server.close();
            deleteQuietly(runDir.socket());
            finished.countDown();
        }
    }

    /** SIGTERM is a clean stop, like {@code ha_stop_daemon}: disarm, stop, exit. */
    private void onSigterm() {
        log.info("SIGTERM: stopping cleanly");
        engine.close();
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ControlClient.Reply handle(String request) {
        String[] words = request.split(" ", 2);
        String arg = words.length > 1 ? words[1] : "";
        return switch (words[0]) {
            case ControlProtocol.STATE -> ok(engine.state().text() + "\n");
            case ControlProtocol.STATUS -> ok(status());
            case ControlProtocol.LIVESET -> ok(LivesetWriter.write(engine.liveset()));
            case ControlProtocol.PROPOSE_MASTER -> ok(engine.proposeMaster() ? "TRUE\n" : "FALSE\n");
            case ControlProtocol.DISARM_FENCING -> {
                engine.disarmFencing();
                yield ok("");
            }
            case ControlProtocol.SET_POOL_STATE -> {
                engine.setPoolState(PoolState.valueOf(arg));
                yield ok("");
            }
            case ControlProtocol.SET_EXCLUDED, ControlProtocol.CLEAR_EXCLUDED -> {
                engine.setExcluded(words[0].equals(ControlProtocol.SET_EXCLUDED));
                yield ok("");
            }
            case ControlProtocol.FIST -> FaultSwitch.handle(faults, arg, log);
            case ControlProtocol.STOP -> {
                Thread stopper = new Thread(engine::close, "stop");
                stopper.start();
                yield ok("");
            }
            default -> new ControlClient.Reply(ExitCode.INVALID_PARAMETER.number(), "");
        };
    }

    private String status() {
        return "stack=" + stack + "\n"
                + "pid=" + ProcessHandle.current().pid() + "\n"
                + "state=" + engine.state().text() + "\n"
                + "fencing=" + fencing() + "\n"
                + "run_dir=" + runDir.dir() + "\n";
    }

    /** armed or disarmed (this daemon's watchdog), or who fences when the manager does (o2cb, Melio). */
    private String fencing() {
        if (engine instanceof ManagedEngine managed
                && managed.authority().holder() == FencingAuthority.Holder.MANAGER) {
            return "by " + managed.authority().name() + " (the cluster manager; this daemon opens no watchdog)";
        }
        return fencer.isArmed() && engine.state() == HostState.ONLINE ? "armed" : "disarmed";
    }

    private static ControlClient.Reply ok(String stdout) {
        return new ControlClient.Reply(0, stdout);
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
