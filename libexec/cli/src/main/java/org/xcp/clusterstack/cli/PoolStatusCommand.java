package org.xcp.clusterstack.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.poolstatus.PoolPicture;
import org.xcp.clusterstack.poolstatus.PoolPictures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-stack pool status}: the whole pool from any host, from the shared statefile's every section and the
 * local daemon, with a WARNINGS block naming each fix. Exit 0 healthy, 2 degraded (any warning), 1 error.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show the pool from this host: each host's address, state, fencing, whom it sees live,"
                + " heartbeat and statefile ages as shares of their timeouts; the pool state, the master and the lock"
                + " holder; the stack and who fences; how many more host failures the pool survives by the stack's"
                + " own rule; and WARNINGS, each with its fix (docs/operators.md lists them).",
            "Exit 0 healthy, 2 degraded (any warning), 1 error (the config or the statefile cannot be read)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:healthy: no warning", "1:error: the config or the statefile cannot be read",
            "2:degraded: at least one warning"})
final class PoolStatusCommand implements Callable<Integer> {
    /** A redraw at most this often, however often the statefile changes. */
    static final long REDRAW_MS = 500;
    private static final String CLEAR = "\033[H\033[2J";

    @Spec
    CommandSpec spec;

    @Mixin
    LocalDaemon daemon;

    @Option(names = "--json", description = "Print it as one JSON object (schema cluster-stack/pool-status, version 1:"
            + " docs/schemas/pool-status-v1.json).")
    boolean json;

    @Option(names = "--watch", description = "Redraw on every change of the statefile or the liveset (polled every"
            + " " + REDRAW_MS + " ms, at most two redraws a second) until Ctrl-C; the screen is cleared only on a"
            + " terminal.")
    boolean watch;

    @Option(names = "--multipath-conf", paramLabel = "FILE", defaultValue = "/etc/multipath.conf",
            description = "The host's multipath configuration, for the storage's I/O timeout when the stack's"
                + " settings have no storage-io-timeout (default: ${DEFAULT-VALUE}).")
    Path multipathConf;

    @Override
    public Integer call() {
        PoolReader reader = new PoolReader(daemon, multipathConf);
        if (watch) {
            return watch(reader);
        }
        PoolPicture picture = picture(reader);
        print(picture);
        return picture.healthy() ? 0 : 2;
    }

    /** The picture, or exit 1 in one line: pool status is a monitor, whose errors are all 1. */
    static PoolPicture picture(PoolReader reader) {
        try {
            return PoolPictures.of(reader.read());
        } catch (HaException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, e.getMessage() + " (xhad exit " + e.exitCode().number()
                    + ")");
        }
    }

    private void print(PoolPicture picture) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            Json.print(out, PoolStatusView.json(picture));
        } else {
            out.print(PoolStatusView.text(picture));
            out.flush();
        }
    }

    private int watch(PoolReader reader) {
        AtomicBoolean stop = new AtomicBoolean();
        Interrupts.onCtrlC(() -> stop.set(true));
        boolean terminal = System.console() != null && !json;
        PrintWriter out = spec.commandLine().getOut();
        String last = null;
        long lastDraw = 0;
        while (!stop.get()) {
            String screen;
            try {
                PoolPicture picture = PoolPictures.of(reader.read());
                screen = json ? jsonLine(picture) : PoolStatusView.text(picture);
            } catch (HaException e) {
                screen = "cannot read the pool: " + e.getMessage() + "\n";
            }
            long now = System.currentTimeMillis();
            if (!screen.equals(last) && now - lastDraw >= REDRAW_MS) {
                if (terminal) {
                    out.print(CLEAR);
                    out.print("cluster-stack pool status --watch   " + DateTimeFormatter.ISO_LOCAL_TIME
                            .format(Instant.now().atOffset(ZoneOffset.UTC).toLocalTime().withNano(0))
                            + " UTC   (Ctrl-C ends)\n\n");
                } else if (last != null && !json) {
                    out.print("\n");
                }
                out.print(screen);
                out.flush();
                last = screen;
                lastDraw = now;
            }
            sleep(REDRAW_MS);
        }
        out.flush();
        return 0;
    }

    private static String jsonLine(PoolPicture picture) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(PoolStatusView.json(picture))
                    + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HaException(ExitCode.INTERNAL_BUG, "cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
