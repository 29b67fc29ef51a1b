package org.xcp.clusterstack.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** One request to a host's daemon over its control socket. Kept to the JDK: scripts start it cold. */
public final class ControlClient {
    /** The reason of exit 14, from the scripts' client and from the shims' shell alike, then the run directory. */
    public static final String NO_DAEMON = "no daemon runs for this host";

    private final RunDir runDir;

    public ControlClient(RunDir runDir) {
        this.runDir = runDir;
    }

    /**
     * The daemon's reply; empty when no daemon answers (no socket, or nobody listening): the scripts' exit 14.
     * A hung daemon, a broken connection or a malformed reply is exit 3 in one line.
     */
    public Optional<Reply> request(Request request, Optional<Duration> timeout) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(runDir.socket()));
        } catch (IOException e) {
            return Optional.empty();
        }
        FutureTask<Reply> exchange = new FutureTask<>(() -> exchange(channel, request));
        Thread t = new Thread(exchange, "control-client");
        t.setDaemon(true);
        t.start();
        try (channel) {
            return Optional.of(timeout.isPresent() ? exchange.get(timeout.get().toMillis(), TimeUnit.MILLISECONDS)
                    : exchange.get());
        } catch (TimeoutException e) {
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "the daemon in " + runDir.dir()
                    + " did not answer '" + request + "' within " + timeout.get().toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HaException malformed) {
                throw new HaException(malformed.exitCode(), "the daemon in " + runDir.dir() + " answered '" + request
                        + "' with a " + malformed.getMessage());
            }
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "talking to the daemon: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "interrupted");
        } catch (IOException e) {
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "talking to the daemon: " + e);
        }
    }

    private static Reply exchange(SocketChannel channel, Request request) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(ControlProtocol.encode(request));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        return ControlProtocol.readReply(channel);
    }
}
