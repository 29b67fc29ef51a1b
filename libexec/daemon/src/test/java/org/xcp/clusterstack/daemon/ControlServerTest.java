package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.RunDir;

/** The daemon's end of the socket: what it answers to a malformed request and to a failing or buggy handler. */
class ControlServerTest {
    @TempDir
    Path dir;

    private Reply send(String raw, java.util.function.Function<org.xcp.clusterstack.control.Request, Reply> handler)
            throws Exception {
        RunDir runDir = new RunDir(dir);
        try (ControlServer server = ControlServer.start(runDir, handler, new DaemonLog(runDir.log()));
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(runDir.socket()));
            channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
            return ControlProtocol.readReply(channel);
        }
    }

    @Test
    void anUnknownVerbIsRefusedWith1AndSaysWhy() throws Exception {
        Reply reply = send("liveset\n", r -> Reply.ok("never\n"));

        assertThat(reply.code()).isEqualTo(ExitCode.INVALID_PARAMETER);
        assertThat(reply.message()).startsWith("unknown verb 'liveset'");
        assertThat(reply.stdout()).isEmpty();
    }

    @Test
    void aHandlersFailureIsTheReplysCodeAndMessage() throws Exception {
        Reply reply = send("propose_master\n", r -> {
            throw new HaException(ExitCode.INVALID_LOCALHOST_STATE, "this host is Starting");
        });

        assertThat(reply).isEqualTo(new Reply(ExitCode.INVALID_LOCALHOST_STATE, "this host is Starting", ""));
    }

    @Test
    void aBugIs127InOneLine() throws Exception {
        Reply reply = send("state\n", r -> {
            throw new IllegalStateException("oops");
        });

        assertThat(reply.code()).isEqualTo(ExitCode.INTERNAL_BUG);
        assertThat(reply.message()).isEqualTo("internal error: java.lang.IllegalStateException: oops");
    }
}
