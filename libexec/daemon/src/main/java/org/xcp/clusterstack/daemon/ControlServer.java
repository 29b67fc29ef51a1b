package org.xcp.clusterstack.daemon;

import org.xcp.clusterstack.control.ControlClient;
import org.xcp.clusterstack.control.RunDir;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Function;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** Accepts the scripts' requests on the control socket, one thread per connection. */
final class ControlServer implements AutoCloseable {
    private static final int MAX_REQUEST = 256;

    private final ServerSocketChannel server;
    private final Function<String, ControlClient.Reply> handler;
    private final DaemonLog log;

    private ControlServer(ServerSocketChannel server, Function<String, ControlClient.Reply> handler, DaemonLog log) {
        this.server = server;
        this.handler = handler;
        this.log = log;
    }

    static ControlServer start(RunDir runDir, Function<String, ControlClient.Reply> handler, DaemonLog log) {
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
            String line = readLine(client);
            ControlClient.Reply reply;
            try {
                reply = handler.apply(line);
            } catch (HaException e) {
                log.info("request '" + line + "' failed with " + e.exitCode().number() + ": " + e.getMessage());
                reply = new ControlClient.Reply(e.exitCode().number(), "");
            } catch (RuntimeException e) {
                log.warn("request '" + line + "' hit a bug: " + e);
                reply = new ControlClient.Reply(ExitCode.INTERNAL_BUG.number(), "");
            }
            byte[] out = (reply.status() + "\n" + reply.stdout()).getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(out);
            while (buffer.hasRemaining()) {
                client.write(buffer);
            }
        } catch (IOException e) {
            log.info("a client went away: " + e);
        }
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (line.size() < MAX_REQUEST && client.read(one) > 0) {
            byte b = one.get(0);
            one.clear();
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
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
