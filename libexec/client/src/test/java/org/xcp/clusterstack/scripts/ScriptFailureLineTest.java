package org.xcp.clusterstack.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.control.ControlProtocol;
import org.xcp.clusterstack.control.Reply;
import org.xcp.clusterstack.control.RunDir;

/**
 * Exit codes and stderr (docs/exit-codes.md): a script that fails prints nothing on stdout and exactly one line on
 * stderr, {@code DATE SCRIPT: REASON; ADVICE (CODE)}; a script that succeeds prints nothing on stderr.
 */
class ScriptFailureLineTest {
    private static final HaUuid HOST = HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01");
    /** What {@code date} prints, as FailureLineTest pins it down; here it is the time of the run. */
    private static final String DATE = "[A-Z][a-z]{2} [A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\S+ \\d{4} ";

    @TempDir
    Path dir;

    private record Ran(int status, String stdout, String stderr) {
    }

    private Ran script(String... scriptArgs) {
        List<String> args = new ArrayList<>(List.of("--stack", "xhad", "--run-base", dir.toString(), "--log-base",
                dir.resolve("log").toString(), "--lib", dir.toString()));
        args.addAll(List.of(scriptArgs));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ScriptMain.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr).as("the date first, as xhad's scripts print it").matches(status == 0 ? "" : DATE + "[^\n]+\n");
        return new Ran(status, out.toString(StandardCharsets.UTF_8), stderr.replaceFirst("^" + DATE, "DATE "));
    }

    private RunDir runDir() {
        return RunDir.of(dir, "xhad", HOST);
    }

    @Test
    void noDaemonIs14WithTheRunDirectoryItLookedIn() {
        assertThat(script("--host", HOST.compact(), "query_liveset", "-C", "/etc/xensource/xhad.conf"))
                .isEqualTo(new Ran(14, "", "DATE ha_query_liveset: no daemon runs for this host (" + runDir().dir()
                        + "); ha_start_daemon starts it (14)\n"));
    }

    @Test
    void anUnusableConfigIs14SayingWhyNoDaemonCanRunFromIt() {
        Ran r = script("disarm_fencing", "-C", dir.resolve("absent.conf").toString());

        assertThat(r.status()).isEqualTo(14);
        assertThat(r.stderr()).startsWith("DATE ha_disarm_fencing: ").contains("absent.conf")
                .endsWith(", so no daemon can run from it; ha_start_daemon starts it (14)\n");
    }

    @Test
    void aBadArgumentIs1AndTheReasonSaysWhatIsExpected() {
        assertThat(script("set_pool_state", "activ")).isEqualTo(new Ran(1, "",
                "DATE ha_set_pool_state: unknown pool state 'activ' (init, active or invalid) (1)\n"));
    }

    @Test
    void stoppingNoDaemonSucceedsSilently() {
        assertThat(script("--host", HOST.compact(), "stop_daemon")).isEqualTo(new Ran(0, "", ""));
        assertThat(script("stop_daemon", "-C", dir.resolve("absent.conf").toString())).isEqualTo(new Ran(0, "", ""));
    }

    @Test
    void theDaemonsRefusalIsItsCodeAndItsReasonThenWhatToDo() throws Exception {
        try (FakeDaemon daemon = new FakeDaemon(runDir(), new Reply(ExitCode.INVALID_LOCALHOST_STATE,
                "this host is Starting, not Online", ""))) {
            assertThat(script("--host", HOST.compact(), "disarm_fencing")).isEqualTo(new Ran(17, "",
                    "DATE ha_disarm_fencing: this host is Starting, not Online; wait until ha_query_liveset says"
                            + " Online (17)\n"));
        }
    }

    @Test
    void aRefusalWithoutAReasonSaysWhatTheCodeMeans() throws Exception {
        try (FakeDaemon daemon = new FakeDaemon(runDir(), new Reply(ExitCode.INVALID_LOCALHOST_STATE, "", ""))) {
            assertThat(script("--host", HOST.compact(), "propose_master").stderr()).isEqualTo(
                    "DATE ha_propose_master: host not Online; wait until ha_query_liveset says Online (17)\n");
        }
    }

    /** A daemon that answers one request with {@code reply}. */
    private static final class FakeDaemon implements AutoCloseable {
        private final ServerSocketChannel server;
        private final Thread thread;

        FakeDaemon(RunDir runDir, Reply reply) throws Exception {
            runDir.create();
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(runDir.socket()));
            thread = new Thread(() -> {
                try (SocketChannel c = server.accept()) {
                    c.read(ByteBuffer.allocate(ControlProtocol.MAX_REQUEST_BYTES));
                    ByteBuffer out = ByteBuffer.wrap(ControlProtocol.encode(reply));
                    while (out.hasRemaining()) {
                        c.write(out);
                    }
                } catch (Exception e) {
                    // the test's assertion on the script's line says what went wrong
                }
            }, "fake-daemon");
            thread.start();
        }

        @Override
        public void close() throws Exception {
            server.close();
            thread.join(5000);
        }
    }
}
