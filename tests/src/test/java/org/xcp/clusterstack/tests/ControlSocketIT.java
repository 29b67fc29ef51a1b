package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;

/**
 * A running daemon's control socket under misuse from root's programs (docs/contracts.md, "The control
 * socket"): requests the scripts never send are refused without effect, and a flood of idle connections
 * neither grows the daemon's threads or memory nor keeps xapi's scripts from an answer. One Online host on
 * 127.0.7.1 (no other test uses 127.0.7.x).
 */
class ControlSocketIT {
    private static final String HOST = "7c0e5a11-3b2d-4c6e-8f10-5d4c3b2a1907";
    private static final int IDLE_CONNECTIONS = 1_000;

    @TempDir
    static Path base;
    static InstalledStack xhad;
    static Path config;
    static Path socket;

    @BeforeAll
    static void startOneHost() throws IOException {
        xhad = InstalledStack.install(base, "xhad");
        Fixtures.write(base.resolve("statefile"), new byte[266_240]);
        config = DaemonConfigWriter.write(DaemonConfig.builder().generation(HaUuid.parse(OnePool.GENERATION))
                .host(HaUuid.parse(HOST), "127.0.7.1").haTimeout(10).heartbeatInterface("lo")
                .stateFile(base.resolve("statefile")).watchdogMode(WatchdogMode.USER).build(HaUuid.parse(HOST)),
                base.resolve("xhad.conf"));
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).succeeded();
        socket = runDir().resolve("control.sock");
    }

    @AfterAll
    static void stop() {
        xhad.stopAll();
    }

    @Test
    void initOverTheSocketIs15AndTheDaemonKeepsRunningOnline() throws Exception {
        long pid = daemonPid();

        Reply reply = ask("set_pool_state INIT\n");

        assertThat(reply.code()).isEqualTo(ExitCode.DAEMON_IS_PRESENT);
        assertThat(reply.message()).startsWith("set_pool_state INIT: a daemon runs on this host;");
        assertThat(reply.stdout()).isEmpty();
        // a running daemon that saw INIT in the statefile would end with 11 at its next cycle (t2 = 1 s at T = 10)
        Thread.sleep(3_000);
        assertThat(ProcessHandle.of(pid)).get().matches(ProcessHandle::isAlive, "alive");
        assertThat(ask("state\n")).isEqualTo(Reply.ok("Online\n"));
        assertThat(dump()).contains("  global.pool_state = 2\n");
    }

    @Test
    void aWrongPoolStateOrArgumentCountIs1InOneLine() throws Exception {
        assertThat(ask("set_pool_state BOGUS\n")).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER,
                "set_pool_state takes ACTIVE or INVALID, not 'BOGUS'", ""));
        assertThat(ask("set_pool_state\n")).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER,
                "set_pool_state takes one pool state (ACTIVE or INVALID), not 0 arguments", ""));
        assertThat(ask("set_pool_state ACTIVE now\n")).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER,
                "set_pool_state takes one pool state (ACTIVE or INVALID), not 2 arguments", ""));
        assertThat(ask("propose_master please\n")).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER,
                "propose_master takes no arguments, not 1 ('please')", ""));
        assertThat(ask("state\n")).isEqualTo(Reply.ok("Online\n"));
    }

    @Test
    void anOversizedRequestIs1() throws Exception {
        try (SocketChannel channel = connect()) {
            channel.write(ByteBuffer.wrap(new byte[8 * 1024]));
            assertThat(ControlProtocol.readReply(channel)).isEqualTo(new Reply(ExitCode.INVALID_PARAMETER,
                    "malformed request: longer than " + ControlProtocol.MAX_REQUEST_BYTES + " bytes", ""));
        }
    }

    /**
     * 1,000 idle connections: the daemon keeps the newest 64 and closes the rest with a line, then those after
     * the 5 s read timeout; its threads and memory stay put, and xapi's scripts are answered meanwhile.
     */
    @Test
    void aThousandIdleConnectionsNeitherGrowTheDaemonNorStarveTheScripts() throws Exception {
        long pid = daemonPid();
        int threadsBefore = procStatus(pid, "Threads:");
        int rssBefore = procStatus(pid, "VmRSS:");
        long logLinesBefore = logLines();
        List<SocketChannel> idle = new ArrayList<>();
        try {
            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                idle.add(connect());
            }
            assertThat(ask("query_liveset\n").stdout()).contains("<ha_liveset_info");
            assertThat(xhad.run(PROPOSE_MASTER, "-C", config).succeeded().stdout()).isEqualTo("TRUE\n");
            assertThat(LivesetReader.read(xhad.run(QUERY_LIVESET, "-C", config).succeeded().stdout()).status())
                    .isEqualTo(LivesetStatus.ONLINE);
            int threadsDuring = procStatus(pid, "Threads:");
            int rssDuring = procStatus(pid, "VmRSS:");
            System.out.printf("control socket under %d idle connections: threads %d -> %d, RSS %d -> %d KiB%n",
                    IDLE_CONNECTIONS, threadsBefore, threadsDuring, rssBefore, rssDuring);
            assertThat(threadsDuring).isLessThan(60).isLessThanOrEqualTo(threadsBefore + 10);
            assertThat(rssDuring - rssBefore).as("RSS growth in KiB").isLessThan(8 * 1024);

            long start = System.nanoTime();
            for (SocketChannel c : idle) {
                Reply closed = ControlProtocol.readReply(c); // returns once the daemon closed it
                assertThat(closed.code()).isEqualTo(ExitCode.TRANSIENT_SYSTEM_ERROR);
                assertThat(closed.message()).startsWith("closed: ");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            for (SocketChannel c : idle) {
                c.close();
            }
        }
        assertThat(ask("state\n")).isEqualTo(Reply.ok("Online\n"));
        assertThat(logLines() - logLinesBefore).as("log lines for 1,000 refused connections").isLessThan(10);
    }

    private static Reply ask(String raw) throws IOException {
        try (SocketChannel channel = connect()) {
            channel.write(ByteBuffer.wrap(raw.getBytes(StandardCharsets.UTF_8)));
            return ControlProtocol.readReply(channel);
        }
    }

    private static SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        return channel;
    }

    private static Path runDir() {
        return xhad.runBase.resolve("xhad").resolve(HOST.replace("-", ""));
    }

    private static long daemonPid() throws IOException {
        return Long.parseLong(Files.readString(runDir().resolve("pid")).strip());
    }

    private static long logLines() throws IOException {
        try (var lines = Files.lines(xhad.daemonLog(HOST))) {
            return lines.count();
        }
    }

    /** A number from /proc/PID/status: Threads: N, VmRSS: N kB. */
    private static int procStatus(long pid, String key) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith(key)).map(l -> l.substring(key.length()).strip().split("\\s+")[0])
                    .mapToInt(Integer::parseInt).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dump() {
        return Cli.run("statefile", "dump", base.resolve("statefile"), "-C", config).stdout();
    }
}
