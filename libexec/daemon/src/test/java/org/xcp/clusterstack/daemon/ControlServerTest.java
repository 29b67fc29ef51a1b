package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.daemon.log.DaemonLog;

/**
 * The daemon's end of the socket: what it answers to a malformed request and to a failing or buggy handler, and
 * its limits (idle connections, a full table, oversized requests, waiting requests beside quick ones).
 */
class ControlServerTest {
    @TempDir
    Path dir;

    private Reply send(String raw, java.util.function.Function<org.xcp.clusterstack.control.Request, Reply> handler)
            throws Exception {
        RunDir runDir = new RunDir(dir);
        try (ControlServer server = ControlServer.start(runDir, handler, log(runDir));
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(runDir.socket()));
            channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
            return ControlProtocol.readReply(channel);
        }
    }

    /**
     * The engine answers set_excluded, then ends, and the daemon closes its socket: the answer already made must still
     * reach the script (xhad's ha_set_excluded gets 0, then the daemon ends with 19).
     */
    @Test
    void aReplyMadeAsTheServerClosesStillReachesItsClient() throws Exception {
        RunDir runDir = new RunDir(dir);
        java.util.concurrent.CountDownLatch answering = new java.util.concurrent.CountDownLatch(1);
        ControlServer server = ControlServer.start(runDir, r -> {
            answering.countDown();
            long until = System.nanoTime() + 200_000_000L; // still answering when close() begins
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return Reply.ok("");
        }, log(runDir));
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(runDir.socket()));
            channel.write(ByteBuffer.wrap("set_excluded\n".getBytes(StandardCharsets.UTF_8)));
            answering.await();
            server.close();
            assertThat(ControlProtocol.readReply(channel)).isEqualTo(Reply.ok(""));
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

    private static final ControlLimits SMALL = new ControlLimits(4, 1, 1, Duration.ofMillis(300),
            Duration.ofSeconds(2));

    private static SocketChannel connect(RunDir runDir) throws Exception {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(runDir.socket()));
        return channel;
    }

    private static Reply ask(RunDir runDir, String raw) throws Exception {
        try (SocketChannel channel = connect(runDir)) {
            channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
            return ControlProtocol.readReply(channel);
        }
    }

    @Test
    void setPoolStateInitNeverReachesTheHandlerAndIs15() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        Reply reply = send("set_pool_state INIT\n", r -> {
            handled.incrementAndGet();
            return Reply.ok("");
        });

        assertThat(reply.code()).isEqualTo(ExitCode.DAEMON_IS_PRESENT);
        assertThat(reply.message()).startsWith("set_pool_state INIT: a daemon runs on this host;");
        assertThat(handled).hasValue(0);
    }

    @Test
    void aBogusPoolStateIs1NamingIt() throws Exception {
        Reply reply = send("set_pool_state BOGUS\n", r -> Reply.ok("never\n"));

        assertThat(reply).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER,
                "set_pool_state takes ACTIVE or INVALID, not 'BOGUS'", ""));
    }

    @Test
    void anOversizedRequestIs1WithoutBeingReadWhole() throws Exception {
        RunDir runDir = new RunDir(dir);
        try (ControlServer server = ControlServer.start(runDir, r -> Reply.ok(""), log(runDir));
                SocketChannel channel = connect(runDir)) {
            channel.write(ByteBuffer.wrap(new byte[64 * 1024])); // fits in the socket's buffer: the write returns
            Reply reply = ControlProtocol.readReply(channel);

            assertThat(reply).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER, "malformed request: longer than "
                    + ControlProtocol.MAX_REQUEST_BYTES + " bytes", ""));
            assertThat(server.refused(ControlRefusals.Kind.MALFORMED)).isEqualTo(1);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheReadTimeoutWithALine() throws Exception {
        RunDir runDir = new RunDir(dir);
        try (ControlServer server = ControlServer.start(runDir, r -> Reply.ok(""), log(runDir),
                SMALL); SocketChannel idle = connect(runDir)) {
            long start = System.nanoTime();
            Reply reply = ControlProtocol.readReply(idle); // until the daemon closes it

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250),
                    Duration.ofSeconds(2));
            assertThat(reply).isEqualTo(new Reply(ExitCode.TRANSIENT_SYSTEM_ERROR,
                    "closed: no whole request within 0 s", ""));
            assertThat(server.refused(ControlRefusals.Kind.IDLE)).isEqualTo(1);
        }
    }

    @Test
    void whenFullTheOldestIdleConnectionMakesRoomAndARequestIsAnswered() throws Exception {
        RunDir runDir = new RunDir(dir);
        ControlLimits limits = new ControlLimits(4, 1, 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        try (ControlServer server = ControlServer.start(runDir, r -> Reply.ok("Online\n"),
                log(runDir), limits)) {
            List<SocketChannel> idle = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                idle.add(connect(runDir));
            }
            Reply reply = ask(runDir, "state\n");

            assertThat(reply).isEqualTo(Reply.ok("Online\n"));
            assertThat(server.refused(ControlRefusals.Kind.SHED)).isEqualTo(7); // 11 came, 4 slots
            assertThat(ControlProtocol.readReply(idle.get(0)).message())
                    .isEqualTo("closed: 4 connections were open and this one had sent no request");
            for (SocketChannel c : idle) {
                c.close();
            }
        }
    }

    @Test
    void withEverySlotHoldingARequestANewConnectionIsAnswered3() throws Exception {
        RunDir runDir = new RunDir(dir);
        CountDownLatch release = new CountDownLatch(1);
        ControlLimits limits = new ControlLimits(2, 1, 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
        try (ControlServer server = ControlServer.start(runDir, r -> {
            await(release);
            return Reply.ok("TRUE\n");
        }, log(runDir), limits); SocketChannel first = connect(runDir);
                SocketChannel second = connect(runDir)) {
            first.write(ByteBuffer.wrap("propose_master\n".getBytes(StandardCharsets.UTF_8)));
            second.write(ByteBuffer.wrap("state\n".getBytes(StandardCharsets.UTF_8)));
            Reply refused = awaitBusy(runDir);

            assertThat(refused.code()).isEqualTo(ExitCode.TRANSIENT_SYSTEM_ERROR);
            assertThat(refused.message()).isEqualTo("the daemon is busy: 2 requests are open; try again");
            release.countDown();
            assertThat(ControlProtocol.readReply(first)).isEqualTo(Reply.ok("TRUE\n"));
            assertThat(ControlProtocol.readReply(second)).isEqualTo(Reply.ok("TRUE\n"));
            assertThat(ask(runDir, "state\n")).isEqualTo(Reply.ok("TRUE\n"));
        }
    }

    /** A request that waits never holds up one answered at once: they have their own threads. */
    @Test
    void aWaitingRequestDoesNotDelayTheLiveset() throws Exception {
        RunDir runDir = new RunDir(dir);
        CountDownLatch release = new CountDownLatch(1);
        try (ControlServer server = ControlServer.start(runDir, r -> {
            if (r.verb() == org.xcp.clusterstack.control.Verb.PROPOSE_MASTER) {
                await(release);
                return Reply.ok("TRUE\n");
            }
            return Reply.ok("<liveset/>\n");
        }, log(runDir), SMALL); SocketChannel waiting = connect(runDir)) {
            waiting.write(ByteBuffer.wrap("propose_master\n".getBytes(StandardCharsets.UTF_8)));

            assertThat(ask(runDir, "query_liveset\n")).isEqualTo(Reply.ok("<liveset/>\n"));
            release.countDown();
            assertThat(ControlProtocol.readReply(waiting)).isEqualTo(Reply.ok("TRUE\n"));
        }
    }

    /** The second connection is refused once the first two hold requests; until then it may be accepted. */
    private static Reply awaitBusy(RunDir runDir) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            try (SocketChannel third = connect(runDir)) {
                third.write(ByteBuffer.wrap("status\n".getBytes(StandardCharsets.UTF_8)));
                Reply reply = ControlProtocol.readReply(third);
                if (reply.code() == ExitCode.TRANSIENT_SYSTEM_ERROR || System.nanoTime() > deadline) {
                    return reply;
                }
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DaemonLog log(RunDir runDir) throws IOException {
        return new DaemonLog(runDir.dir().resolve("daemon.log"));
    }
}
