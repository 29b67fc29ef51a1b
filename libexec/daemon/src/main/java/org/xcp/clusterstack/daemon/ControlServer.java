package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.control.Verb;
import org.xcp.clusterstack.daemon.ControlRefusals.Kind;
import org.xcp.clusterstack.daemon.log.DaemonLog;

/**
 * Serves the control socket ({@link ControlProtocol}'s format) within {@link ControlLimits}: one thread reads
 * requests and writes replies for every connection, without blocking; requests go to two small fixed pools of
 * handler threads. A connection that has not sent a whole request within the read timeout is closed; when every
 * slot is taken, the oldest idle connection makes room, or, with every slot holding a request, the new one is
 * answered 3. A malformed request, one too long or one the scripts and the CLI never send, is answered at once
 * without reaching the handler. A failure of the handler ({@link HaException}) is a reply with its code and
 * message; a bug is 127 in one line. No stack trace ever goes to a client or to the log.
 */
final class ControlServer implements AutoCloseable {
    private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The requests that may wait on the statefile or the other hosts; the rest are answered at once. */
    private static final Set<Verb> MAY_WAIT = EnumSet.of(Verb.PROPOSE_MASTER, Verb.SET_POOL_STATE,
            Verb.SET_EXCLUDED, Verb.CLEAR_EXCLUDED, Verb.DISARM_FENCING);

    private final ServerSocketChannel server;
    private final Selector selector;
    private final Function<Request, Reply> handler;
    private final DaemonLog log;
    private final ControlLimits limits;
    private final ControlRefusals refusals;
    private final ExecutorService quick;
    private final ExecutorService waiting;
    private final ConcurrentLinkedQueue<ControlConnection> answered = new ConcurrentLinkedQueue<>();
    /** Replies a handler made that are not yet sent (or dropped with their connection): {@link #close} waits. */
    private final AtomicInteger replying = new AtomicInteger();
    /** Connections still sending their request, oldest first (their read deadlines in order too). */
    private final Set<ControlConnection> reading = new LinkedHashSet<>();
    private final Set<ControlConnection> writing = new LinkedHashSet<>();
    private final Set<ControlConnection> open = new HashSet<>();
    private final Thread thread;
    private SelectionKey accepting;
    /** After a failed accept (out of file descriptors): no accepting until then, rather than a busy loop. */
    private long acceptPausedUntil;
    private volatile boolean closing;
    /** How long {@link #close} lets handlers finish and their replies go out. */
    static final long DRAIN_MS = 1_000;

    private ControlServer(ServerSocketChannel server, Selector selector, Function<Request, Reply> handler,
            DaemonLog log, ControlLimits limits) {
        this.server = server;
        this.selector = selector;
        this.handler = handler;
        this.log = log;
        this.limits = limits;
        this.refusals = new ControlRefusals(log, System.nanoTime());
        this.quick = Executors.newFixedThreadPool(limits.quickHandlers(), named("control-quick"));
        this.waiting = Executors.newFixedThreadPool(limits.waitingHandlers(), named("control-wait"));
        this.thread = new Thread(this::loop, "control-socket");
        thread.setDaemon(true);
    }

    static ControlServer start(RunDir runDir, Function<Request, Reply> handler, DaemonLog log) {
        return start(runDir, handler, log, ControlLimits.DAEMON);
    }

    static ControlServer start(RunDir runDir, Function<Request, Reply> handler, DaemonLog log, ControlLimits limits) {
        try {
            Files.deleteIfExists(runDir.socket()); // left by a daemon that died; we hold the host lock
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(runDir.socket()), limits.maxConnections());
            // root only: the socket 0600 in its 0700 run directory
            Files.setPosixFilePermissions(runDir.socket(), PosixFilePermissions.fromString("rw-------"));
            server.configureBlocking(false);
            Selector selector = Selector.open();
            ControlServer s = new ControlServer(server, selector, handler, log, limits);
            s.accepting = server.register(selector, SelectionKey.OP_ACCEPT);
            s.thread.start();
            return s;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot open the control socket " + runDir.socket()
                    + ": " + e);
        }
    }

    /** How many connections were turned away so far, of one kind. */
    long refused(Kind kind) {
        return refusals.total(kind);
    }

    private void loop() {
        try {
            while (!closing) {
                try {
                    round();
                } catch (RuntimeException e) {
                    // a bug here must not close the socket: xapi would take a silent daemon for an absent one
                    log.warn("control socket: internal error: " + e);
                    selector.selectedKeys().clear();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closing) {
                log.warn("control socket stopped: " + e);
            }
        } finally {
            for (ControlConnection c : List.copyOf(open)) {
                close(c);
            }
            quietly(server::close);
            quietly(selector::close);
        }
    }

    /** Waits for the next event or deadline, then does what is due. */
    private void round() throws IOException {
        long now = System.nanoTime();
        selector.select(selectMillis(now));
        now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
            if (!key.isValid()) {
                continue;
            }
            if (key.isAcceptable()) {
                acceptAll(now);
            } else if (key.attachment() instanceof ControlConnection c) {
                serve(c, key, now);
            }
        }
        selector.selectedKeys().clear();
        for (ControlConnection c = answered.poll(); c != null; c = answered.poll()) {
            startWriting(c, c.out, now);
        }
        expire(now);
        if (accepting.interestOps() == 0 && now - acceptPausedUntil >= 0) {
            accepting.interestOps(SelectionKey.OP_ACCEPT);
        }
        refusals.tick(now);
    }

    private void serve(ControlConnection c, SelectionKey key, long now) {
        try {
            if (key.isReadable() && reading.contains(c)) {
                read(c, now);
            } else if (key.isReadable() || key.isWritable()) {
                write(c);
            }
        } catch (IOException | CancelledKeyException e) {
            close(c); // the client went away: nobody to tell
        }
    }

    private void acceptAll(long now) {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (IOException e) {
            refusals.refused(Kind.BUSY, "accept failed: " + e.getMessage(), now);
            acceptPausedUntil = now + ACCEPT_PAUSE_NANOS;
            accepting.interestOps(0);
            return;
        }
        for (; channel != null; channel = acceptNext()) {
            if (open.size() >= limits.maxConnections() && !shedOldestIdle(now)) {
                refusals.refused(Kind.BUSY, open.size() + " connections hold requests", now);
                ControlConnection.refuseAtOnce(channel, new Reply(ExitCode.TRANSIENT_SYSTEM_ERROR,
                        "the daemon is busy: " + open.size() + " requests are open; try again", ""));
                continue;
            }
            try {
                channel.configureBlocking(false);
                SelectionKey key = channel.register(selector, 0);
                ControlConnection c = new ControlConnection(channel, key, now + limits.readTimeout().toNanos());
                key.attach(c);
                key.interestOps(SelectionKey.OP_READ);
                reading.add(c);
                open.add(c);
            } catch (IOException e) {
                quietly(channel::close);
            }
        }
    }

    /** The next pending connection, or null; a failure is left for the next round's {@link #acceptAll}. */
    private SocketChannel acceptNext() {
        try {
            return server.accept();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Closes the oldest connection that has not sent a whole request, to make room: a flood of idle connections
     * then only ever holds the newest slots, and a script that connects and writes at once is always read. A
     * connection whose request has arrived but is not yet read is read first, never shed.
     */
    private boolean shedOldestIdle(long now) {
        for (ControlConnection c : List.copyOf(reading)) {
            try {
                read(c, now);
            } catch (IOException e) {
                close(c);
            }
            if (c.closed()) {
                return true;
            }
            if (reading.contains(c)) {
                refusals.refused(Kind.SHED, open.size() + " connections open", now);
                c.tell(new Reply(ExitCode.TRANSIENT_SYSTEM_ERROR, "closed: " + open.size()
                        + " connections were open and this one had sent no request", ""));
                close(c);
                return true;
            }
        }
        return false;
    }

    private void read(ControlConnection c, long now) throws IOException {
        Optional<Request> request;
        try {
            request = c.read();
        } catch (HaException e) {
            refusals.refused(Kind.MALFORMED, e.exitCode().number() + ": " + e.getMessage(), now);
            c.unread = true;
            startWriting(c, ByteBuffer.wrap(ControlProtocol.encode(Reply.failed(e))), now);
            return;
        }
        if (c.gone()) {
            close(c);
        } else if (request.isPresent()) {
            reading.remove(c);
            c.waitForReply();
            handle(c, request.get());
        }
    }

    private void handle(ControlConnection c, Request request) {
        try {
            (MAY_WAIT.contains(request.verb()) ? waiting : quick).execute(() -> {
                c.out = ByteBuffer.wrap(ControlProtocol.encode(reply(request)));
                c.replyPending = true;
                replying.incrementAndGet();
                answered.add(c);
                selector.wakeup();
            });
        } catch (RejectedExecutionException e) {
            close(c); // closing down
        }
    }

    private Reply reply(Request request) {
        try {
            return handler.apply(request);
        } catch (HaException e) {
            log.info("request '" + request + "' failed with " + e.exitCode().number() + ": " + e.getMessage());
            return Reply.failed(e);
        } catch (RuntimeException e) {
            log.warn("request '" + request + "' hit a bug: " + e);
            return new Reply(ExitCode.INTERNAL_BUG, "internal error: " + e, "");
        }
    }

    private void startWriting(ControlConnection c, ByteBuffer out, long now) {
        if (c.closed()) {
            return;
        }
        reading.remove(c);
        c.out = out;
        c.deadline = now + limits.writeTimeout().toNanos();
        writing.add(c);
        try {
            write(c);
        } catch (IOException | CancelledKeyException e) {
            close(c);
        }
    }

    private void write(ControlConnection c) throws IOException {
        if (!c.closed() && c.write()) {
            close(c);
        }
    }

    private void expire(long now) {
        for (ControlConnection c : List.copyOf(reading)) {
            if (now - c.deadline < 0) {
                break; // read deadlines are in accept order
            }
            refusals.refused(Kind.IDLE, "no whole request within " + limits.readTimeout().toSeconds() + " s", now);
            c.tell(new Reply(ExitCode.TRANSIENT_SYSTEM_ERROR, "closed: no whole request within "
                    + limits.readTimeout().toSeconds() + " s", ""));
            close(c);
        }
        for (ControlConnection c : List.copyOf(writing)) {
            if (now - c.deadline >= 0) {
                close(c); // it stopped reading its reply
            }
        }
    }

    private long selectMillis(long now) {
        long next = refusals.nanosUntilSummary(now);
        if (accepting.interestOps() == 0) {
            next = Math.min(next, acceptPausedUntil - now);
        }
        if (!reading.isEmpty()) {
            next = Math.min(next, reading.iterator().next().deadline - now);
        }
        for (ControlConnection c : writing) {
            next = Math.min(next, c.deadline - now);
        }
        return next == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next) + 1);
    }

    private void close(ControlConnection c) {
        if (c.closed()) {
            return;
        }
        reading.remove(c);
        writing.remove(c);
        open.remove(c);
        c.close();
        if (c.replyPending) {
            c.replyPending = false;
            replying.decrementAndGet();
        }
    }

    @Override
    public void close() {
        // the replies already made go out first (at most DRAIN_MS): the engine answered set_excluded, then ended,
        // and the daemon closing the socket at once lost that answer (seen once in OneHostPoolIT)
        quick.shutdown();
        waiting.shutdown();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MS);
        try {
            while (System.nanoTime() < deadline
                    && !(quick.isTerminated() && waiting.isTerminated() && replying.get() == 0)) {
                selector.wakeup();
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closing = true;
        quick.shutdownNow();
        waiting.shutdownNow();
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Closing {
        void close() throws IOException;
    }

    private static void quietly(Closing closing) {
        try {
            closing.close();
        } catch (IOException ignored) {
            // closing a socket cannot fail in a way that matters here
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
