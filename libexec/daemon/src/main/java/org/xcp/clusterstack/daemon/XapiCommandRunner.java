package org.xcp.clusterstack.daemon;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jnr.posix.POSIX;
import jnr.posix.POSIXFactory;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.spi.XapiCommands;
import org.xcp.clusterstack.api.spi.XapiOutcome;
import org.xcp.clusterstack.daemon.log.DaemonLog;

/**
 * Runs xapi's health check and its restart for the engine (spec §7.4), one at a time on a thread of its own at
 * normal priority (never the engine's, never real-time: xhad resets the scheduler for them too). Each command
 * runs in a session and process group of its own ({@code setsid}), stdin from {@code /dev/null}, working
 * directory {@code /}, environment {@code PATH} and {@code LC_ALL=C} only, stderr discarded; at its limit the whole
 * group is killed (and what it started outside the group by descent), and it is reaped. Only the first
 * {@value #KEEP} bytes of stdout are kept; the rest is read and dropped, so a command that prints without end
 * never blocks on a full pipe.
 *
 * <p>The commands are the stack settings {@code xapi-health-check-command} and {@code xapi-restart-command}: a
 * program (an absolute path, or a name found on {@value #SEARCH_PATH}) and its arguments, separated by spaces.
 * When the health check is not set and xhad's own is not installed, this host has no xapi to watch
 * ({@link #present()} false); a program set but not there is exit 7 at start.
 */
final class XapiCommandRunner implements XapiCommands {
    static final String DEFAULT_CHECK = "/opt/xensource/libexec/xapi-health-check";
    static final String DEFAULT_RESTART = "systemctl restart xapi.service";
    static final String SEARCH_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
    /** Bytes of stdout kept: more than the 100 characters of xapi's error string, for the journal's sake. */
    static final int KEEP = 4096;
    private static final long READER_GRACE_MS = 1_000;

    /** The two commands, as the settings give them (validated). */
    record Commands(List<String> check, boolean checkSet, List<String> restart) {
    }

    private final Commands commands;
    private final boolean present;
    private final Optional<Path> setsid;
    private final DaemonLog log;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(r -> daemonThread(r, "xapi-health"));
    private final ExecutorService readers = Executors.newCachedThreadPool(r -> daemonThread(r, "xapi-output"));
    private volatile boolean closed;
    private volatile Process running;

    private XapiCommandRunner(Commands commands, boolean present, DaemonLog log) {
        this.commands = commands;
        this.present = present;
        this.setsid = onPath("setsid");
        this.log = log;
    }

    /** The commands the settings name; a bad value is exit 7 naming the file, line and key. */
    static Commands commands(StackSettings settings) {
        Optional<String> check = settings.get(StackSettings.XAPI_HEALTH_CHECK_COMMAND);
        List<String> c = argv(settings, StackSettings.XAPI_HEALTH_CHECK_COMMAND, check.orElse(DEFAULT_CHECK),
                check.isPresent());
        List<String> r = argv(settings, StackSettings.XAPI_RESTART_COMMAND, settings.get(
                StackSettings.XAPI_RESTART_COMMAND, DEFAULT_RESTART), settings.get(StackSettings.XAPI_RESTART_COMMAND)
                .isPresent());
        return new Commands(c, check.isPresent(), r);
    }

    /** The runner of {@code commands}; without a health check to run it says so in the log, once. */
    static XapiCommandRunner start(Commands commands, DaemonLog log) {
        boolean present = executable(commands.check().get(0));
        if (present) {
            log.info("xapi's health check: " + String.join(" ", commands.check()) + "; restart: "
                    + String.join(" ", commands.restart()));
        } else {
            log.warn("xapi's health check is off: " + commands.check().get(0) + " is not installed, so this host"
                    + " has no xapi to watch (set " + StackSettings.XAPI_HEALTH_CHECK_COMMAND + " to check another)");
        }
        return new XapiCommandRunner(commands, present, log);
    }

    private static List<String> argv(StackSettings settings, String key, String value, boolean set) {
        List<String> words = Arrays.stream(value.strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        if (words.isEmpty()) {
            throw settings.invalid(key, "expected a program and its arguments, got nothing");
        }
        String program = words.get(0);
        if (program.contains("/") && !program.startsWith("/")) {
            throw settings.invalid(key, "the program must be an absolute path or a name on " + SEARCH_PATH + ", got '"
                    + program + "'");
        }
        List<String> out = new ArrayList<>(words);
        Optional<Path> found = program.startsWith("/") ? Optional.of(Path.of(program)) : onPath(program);
        if (set && (found.isEmpty() || !executable(found.get().toString()))) {
            throw settings.invalid(key, "no executable program " + (program.startsWith("/") ? program : "'" + program
                    + "' on " + SEARCH_PATH));
        }
        found.ifPresent(p -> out.set(0, p.toString()));
        return List.copyOf(out);
    }

    private static Optional<Path> onPath(String name) {
        for (String dir : SEARCH_PATH.split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean executable(String program) {
        Path p = Path.of(program);
        return p.isAbsolute() && Files.isRegularFile(p) && Files.isExecutable(p);
    }

    @Override
    public boolean present() {
        return present;
    }

    /** The health check's program and arguments, as status shows them (the program not installed when off). */
    String checkCommand() {
        return String.join(" ", commands.check());
    }

    @Override
    public void healthCheck(long id, Duration limit, Consumer<XapiOutcome> done) {
        submit(id, commands.check(), limit, done);
    }

    @Override
    public void restart(long id, Duration limit, Consumer<XapiOutcome> done) {
        submit(id, commands.restart(), limit, done);
    }

    private void submit(long id, List<String> argv, Duration limit, Consumer<XapiOutcome> done) {
        try {
            runs.execute(() -> {
                XapiOutcome o = run(id, argv, limit);
                if (!closed) {
                    done.accept(o);
                }
            });
        } catch (RejectedExecutionException e) {
            // closed: nothing is reported after close
        }
    }

    /** One run to its end or its limit; never throws for what it runs. */
    XapiOutcome run(long id, List<String> argv, Duration limit) {
        List<String> command = new ArrayList<>();
        setsid.ifPresent(s -> command.addAll(List.of(s.toString(), "-w")));
        command.addAll(argv);
        ProcessBuilder builder = new ProcessBuilder(command).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", SEARCH_PATH);
        builder.environment().put("LC_ALL", "C");
        long start = System.nanoTime();
        Process process;
        try {
            if (closed) {
                return notStarted(id, "the daemon is ending", start);
            }
            process = builder.start();
        } catch (IOException | RuntimeException e) {
            return notStarted(id, String.valueOf(e.getMessage()), start);
        }
        running = process;
        Future<byte[]> output;
        try {
            output = readers.submit(() -> head(process.getInputStream()));
        } catch (RejectedExecutionException e) {
            killGroup(process);
            return notStarted(id, "the daemon is ending", start);
        }
        boolean exited;
        try {
            exited = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        // what it left behind in its group goes too (a straggler would hold the pipe open)
        killGroup(process);
        reap(process);
        running = null;
        String out = new String(collect(output, process), StandardCharsets.UTF_8);
        if (!exited) {
            log.warn("xapi command " + String.join(" ", argv) + " still ran at its limit of " + limit.toMillis()
                    + " ms: killed its process group");
            return new XapiOutcome(id, XapiOutcome.Ended.TIMED_OUT, -1, out, elapsed, "");
        }
        return new XapiOutcome(id, XapiOutcome.Ended.EXITED, process.exitValue(), out, elapsed, "");
    }

    private static XapiOutcome notStarted(long id, String why, long start) {
        return new XapiOutcome(id, XapiOutcome.Ended.NOT_STARTED, -1, "", (System.nanoTime() - start) / 1_000_000,
                XapiOutcome.printable(why));
    }

    /** SIGKILL to the command's process group (setsid made it its leader), then to any descendant elsewhere. */
    private void killGroup(Process process) {
        long pid = process.pid();
        List<ProcessHandle> descendants = process.descendants().toList();
        if (setsid.isPresent()) {
            try {
                Native.POSIX.kill((int) -pid, 9);
            } catch (RuntimeException | LinkageError e) {
                // no JNR here: the handles below still go
            }
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static void reap(Process process) {
        try {
            process.waitFor(READER_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] collect(Future<byte[]> output, Process process) {
        try {
            return output.get(READER_GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // a process outside the group still holds the pipe: give up on the rest of its output
            output.cancel(true);
            try {
                process.getInputStream().close();
            } catch (IOException ignored) {
                // it is abandoned either way
            }
            return new byte[0];
        }
    }

    /** The first {@link #KEEP} bytes; the rest read and dropped until the end. */
    private static byte[] head(InputStream in) throws IOException {
        try (in) {
            byte[] kept = in.readNBytes(KEEP);
            byte[] sink = new byte[8192];
            while (in.read(sink) >= 0) {
                // dropped
            }
            return kept;
        }
    }

    @Override
    public void close() {
        closed = true;
        Process p = running;
        if (p != null) {
            killGroup(p);
        }
        runs.shutdownNow();
        readers.shutdownNow();
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static final class Native {
        static final POSIX POSIX = POSIXFactory.getNativePOSIX();
    }
}
