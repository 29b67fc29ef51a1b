package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.Request;
import org.xcp.clusterstack.control.RunDir;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/**
 * Accepts the scripts' requests on the control socket, one thread per connection, in {@link ControlProtocol}'s
 * format. A failure of the handler ({@link HaException}) is a reply with its code and message; a malformed
 * request is refused with 1.
 */
final class ControlServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Function<Request, Reply> handler;
    private final DaemonLog log;

    private ControlServer(ServerSocketChannel server, Function<Request, Reply> handler, DaemonLog log) {
        this.server = server;
        this.handler = handler;
        this.log = log;
    }

    static ControlServer start(RunDir runDir, Function<Request, Reply> handler, DaemonLog log) {
        try {
            Files.deleteIfExists(runDir.socket()); // left by a daemon that died; we hold the host lock
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(runDir.socket()));
            Files.setPosixFilePermissions(runDir.socket(), PosixFilePermissions.fromString("rw-------"));
            ControlServer s = new ControlServer(server, handler, log);
            Thread acceptor = new Thread(s::acceptLoop, "control-accept");
            acceptor.setDaemon(true);
            acceptor.start();
            return s;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot open the control socket " + runDir.socket()
                    + ": " + e);
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread t = new Thread(() -> serve(client), "control-request");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    log.warn("control socket accept failed: " + e);
                }
            }
        }
    }

    private void serve(SocketChannel client) {
        try (client) {
            Reply reply;
            String request = "(unread)";
            try {
                Request read = ControlProtocol.readRequest(client);
                request = read.toString();
                reply = handler.apply(read);
            } catch (HaException e) {
                log.info("request '" + request + "' failed with " + e.exitCode().number() + ": " + e.getMessage());
                reply = Reply.failed(e);
            } catch (RuntimeException e) {
                log.warn("request '" + request + "' hit a bug: " + e);
                reply = new Reply(ExitCode.INTERNAL_BUG, "internal error: " + e, "");
            }
            ByteBuffer buffer = ByteBuffer.wrap(ControlProtocol.encode(reply));
            while (buffer.hasRemaining()) {
                client.write(buffer);
            }
        } catch (IOException e) {
            log.info("a client went away: " + e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing a listening socket cannot fail in a way that matters here
        }
    }
}
