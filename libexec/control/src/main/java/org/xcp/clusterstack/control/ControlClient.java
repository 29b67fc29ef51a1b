package org.xcp.clusterstack.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
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
    /** The daemon's answer: xhad's exit code and what the script prints. */
    public record Reply(int status, String stdout) {
    }

    private final RunDir runDir;

    public ControlClient(RunDir runDir) {
        this.runDir = runDir;
    }

    /** Empty when no daemon answers (no socket, or nobody listening): the scripts' exit 14. */
    public Optional<Reply> request(String line, Optional<Duration> timeout) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(runDir.socket()));
        } catch (IOException e) {
            return Optional.empty();
        }
        FutureTask<Reply> exchange = new FutureTask<>(() -> exchange(channel, line));
        Thread t = new Thread(exchange, "control-client");
        t.setDaemon(true);
        t.start();
        try (channel) {
            return Optional.of(timeout.isPresent() ? exchange.get(timeout.get().toMillis(), TimeUnit.MILLISECONDS)
                    : exchange.get());
        } catch (TimeoutException e) {
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "the daemon in " + runDir.dir()
                    + " did not answer '" + line + "' within " + timeout.get().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "talking to the daemon: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "interrupted");
        } catch (IOException e) {
            throw new HaException(ExitCode.TRANSIENT_SYSTEM_ERROR, "talking to the daemon: " + e);
        }
    }

    private static Reply exchange(SocketChannel channel, String line) throws IOException {
        channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        while (channel.read(buffer) >= 0) {
            all.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        String text = all.toString(StandardCharsets.UTF_8);
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw new IOException("the daemon closed the connection without an answer");
        }
        return new Reply(Integer.parseInt(text.substring(0, newline)), text.substring(newline + 1));
    }
}
