package org.xcp.clusterstack.daemon.log;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The system log, as glibc's {@code syslog(3)} writes it: one datagram per line to a Unix socket
 * ({@code /dev/log}, where journald and rsyslog both listen), RFC 3164 style
 * {@code <PRI>MMM dd HH:mm:ss cluster-stack-<stack>[pid]: message}, facility daemon, the severity from the line's
 * level. It never stalls the daemon: a full queue drops the line, and so does a missing or departed receiver,
 * which is looked for again at most every {@link #RETRY}. Each dropped line is counted. A change of state (first
 * connected, absent, gone) is returned once, for the daemon to write in its file.
 */
final class Syslog implements Closeable {
    static final Path DEV_LOG = Path.of("/dev/log");
    static final Duration RETRY = Duration.ofSeconds(10);
    /** {@code LOG_DAEMON}. */
    static final int FACILITY_DAEMON = 3;
    /** Longer messages are cut: RFC 3164 receivers may take no more than 1 KiB, rsyslog 8 KiB by default. */
    static final int MAX_DATAGRAM = 2048;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT);

    /** A change of the socket's state, and the level it is written at. */
    record Change(LogLevel level, String sentence) {
    }

    private final Path socket;
    private final String tag;
    private final ZoneId zone;
    private final LongSupplier nanoClock;
    private UnixDatagramSocket connection;
    private String state = "not tried";
    private long triedAt;
    private boolean tried;
    private long dropped;

    /** Lines of stack {@code stack}'s daemon to {@code socket}, time-stamped in the machine's zone. */
    Syslog(Path socket, String stack) {
        this(socket, stack, ZoneId.systemDefault(), System::nanoTime);
    }

    Syslog(Path socket, String stack, ZoneId zone, LongSupplier nanoClock) {
        this.socket = socket;
        this.tag = "cluster-stack-" + stack + "[" + ProcessHandle.current().pid() + "]: ";
        this.zone = zone;
        this.nanoClock = nanoClock;
    }

    /** Sends one line, or drops and counts it; returns the socket's new state when it changed. */
    synchronized Optional<Change> send(LogLevel level, Instant at, String message) {
        Optional<Change> change = Optional.empty();
        if (connection == null) {
            change = connectIfDue();
        }
        if (connection == null) {
            dropped++;
            return change;
        }
        byte[] datagram = datagram(level, at, message);
        try {
            if (!connection.send(datagram)) {
                dropped++;
            }
            return change;
        } catch (IOException e) {
            connection.close();
            connection = null;
            state = "gone (" + e.getMessage() + ")";
            Optional<Change> again = connectIfDue(); // a restarted journald has a new socket at the same path
            if (connection != null && sendQuietly(datagram)) {
                return again;
            }
            dropped++;
            return Optional.of(new Change(LogLevel.WARNING, socket + " went away (" + e.getMessage()
                    + "): lines go to the file only until it is back"));
        }
    }

    /** The datagram of one line: {@code <PRI>MMM dd HH:mm:ss TAG[pid]: message}, cut to {@link #MAX_DATAGRAM}. */
    byte[] datagram(LogLevel level, Instant at, String message) {
        String text = "<" + (FACILITY_DAEMON * 8 + level.severity()) + ">" + STAMP.format(at.atZone(zone)) + " "
                + tag + message;
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_DATAGRAM) {
            return bytes;
        }
        byte[] cut = new byte[MAX_DATAGRAM];
        System.arraycopy(bytes, 0, cut, 0, MAX_DATAGRAM);
        return cut;
    }

    Path socket() {
        return socket;
    }

    /** {@code connected}, {@code absent}, {@code unreachable (why)}, {@code gone (why)} or {@code not tried}. */
    synchronized String state() {
        return state;
    }

    /** Lines not delivered: the queue was full, or nothing listened. */
    synchronized long dropped() {
        return dropped;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private boolean sendQuietly(byte[] datagram) {
        try {
            return connection.send(datagram);
        } catch (IOException e) {
            connection.close();
            connection = null;
            return false;
        }
    }

    private Optional<Change> connectIfDue() {
        long now = nanoClock.getAsLong();
        if (tried && now - triedAt < RETRY.toNanos()) {
            return Optional.empty();
        }
        tried = true;
        triedAt = now;
        String before = state;
        Change change;
        try {
            connection = UnixDatagramSocket.connect(socket);
            state = "connected";
            change = new Change(LogLevel.NOTICE, "lines also go to " + socket);
        } catch (UnixDatagramSocket.Unreachable e) {
            state = e.absent() ? "absent" : "unreachable (" + e.getMessage() + ")";
            change = new Change(LogLevel.WARNING, e.absent()
                    ? socket + " is absent (no journald or syslog daemon listens): lines go to the file only"
                    : socket + " does not answer (" + e.getMessage() + "): lines go to the file only");
        } catch (IOException e) {
            state = "unreachable (" + e.getMessage() + ")";
            change = new Change(LogLevel.WARNING, "cannot reach " + socket + " (" + e.getMessage()
                    + "): lines go to the file only");
        }
        return state.equals(before) || (before.startsWith("gone") && !state.equals("connected"))
                ? Optional.empty() : Optional.of(change);
    }
}
