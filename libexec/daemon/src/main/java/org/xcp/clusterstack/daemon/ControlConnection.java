package org.xcp.clusterstack.daemon;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;

/**
 * One client of the control socket, non-blocking: its request read into a buffer of
 * {@link ControlProtocol#MAX_REQUEST_BYTES} + 1 bytes, never more, and its reply written as the client takes it.
 * Used by the control socket's one thread only (the handler thread only sets {@link #out}, handed over through a
 * queue).
 */
final class ControlConnection {
    /** Reads of what a refused client still sends, per turn: then the other connections' turn. */
    private static final int DRAIN_READS = 16;

    private final SocketChannel channel;
    private final SelectionKey key;
    private final ByteBuffer in = ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES + 1);
    /** When it must have sent its request, then taken its reply (System.nanoTime). */
    long deadline;
    ByteBuffer out;
    /** A handler made this connection's reply and the server counts it until it is sent or dropped. */
    volatile boolean replyPending;
    /** Refused before its request was read whole: what it still sends is read and dropped after the reply. */
    boolean unread;
    private boolean draining;
    private boolean gone;
    private boolean closed;

    ControlConnection(SocketChannel channel, SelectionKey key, long deadline) {
        this.channel = channel;
        this.key = key;
        this.deadline = deadline;
    }

    /**
     * Reads what has arrived: the request once its line is whole, else empty (and {@link #gone()} if the client
     * closed first); exit 1 ({@link org.xcp.clusterstack.api.HaException}) for a malformed one.
     */
    Optional<Request> read() throws IOException {
        if (channel.read(in) < 0) {
            gone = true;
            return Optional.empty();
        }
        return ControlProtocol.requestIn(in.array(), in.position());
    }

    /** It closed before its request was whole: nobody to answer. */
    boolean gone() {
        return gone;
    }

    void waitForReply() {
        key.interestOps(0);
    }

    /** Writes what the client takes now; true once the exchange is over and the connection may be closed. */
    boolean write() throws IOException {
        if (draining) {
            return drain();
        }
        channel.write(out);
        if (out.hasRemaining()) {
            key.interestOps(SelectionKey.OP_WRITE);
            return false;
        }
        if (!unread) {
            return true;
        }
        // closing with the client's bytes unread would reset it before it reads the reply (AF_UNIX): drop them
        channel.shutdownOutput();
        draining = true;
        key.interestOps(SelectionKey.OP_READ);
        return drain();
    }

    /** True once the client has closed its end. */
    private boolean drain() throws IOException {
        int n = 1;
        for (int reads = 0; n > 0 && reads < DRAIN_READS; reads++) {
            in.clear();
            n = channel.read(in);
        }
        return n < 0;
    }

    /** A one-line answer to a connection about to be closed without its request served: best effort. */
    void tell(Reply reply) {
        try {
            channel.write(ByteBuffer.wrap(ControlProtocol.encode(reply)));
        } catch (IOException e) {
            // it went away: nobody to tell
        }
    }

    /** A connection refused as it came: its request, if already sent, is read so that closing does not reset it. */
    static void refuseAtOnce(SocketChannel channel, Reply reply) {
        try (channel) {
            channel.configureBlocking(false);
            channel.read(ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES + 1));
            channel.write(ByteBuffer.wrap(ControlProtocol.encode(reply)));
        } catch (IOException e) {
            // it went away: nobody to tell
        }
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        key.cancel();
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a socket cannot fail in a way that matters here
        }
    }
}
