package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.control.LogDir;

/**
 * {@code cluster-stack recover} on real daemons started by the installed scripts, on 127.0.12.x (no other test
 * uses it): a daemon killed with SIGKILL leaves its pid file (stale-pid: removed once confirmed, after which the
 * host starts again), and a host shut down cleanly (excluded) whose peers went down uncleanly cannot start (exit 18)
 * until recover clears its flag, after which both hosts start; an excluded host whose peer runs is not a fault. On a
 * terminal (a pty from {@code script}) the code typed at the prompt confirms, another code does not.
 */
class RecoverIT {
    @TempDir
    static Path base;
    static InstalledStack xhad;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() {
        xhad = InstalledStack.install(base, "xhad");
    }

    @AfterEach
    void stopDaemons() {
        xhad.stopAll();
    }

    private Cli.Result recover(LoopbackPool pool, int host, Object... more) {
        Object[] args = new Object[7 + more.length];
        Object[] fixed = {"recover", "-C", pool.configs.get(host), "--run-dir", xhad.runBase, "--log-base", xhad.logBase};
        System.arraycopy(fixed, 0, args, 0, fixed.length);
        System.arraycopy(more, 0, args, fixed.length, more.length);
        return Cli.run(args);
    }

    private Path journal(LoopbackPool pool, int host) {
        return LogDir.of(xhad.logBase, "xhad", HaUuid.parse(pool.hostIds.get(host))).journal();
    }

    @Test
    void aDaemonKilledLeavesAStalePidThatRecoverRemovesOnceConfirmed() throws Exception {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 1, 10, "127.0.12.", 0x40000000, LoopbackPool.Timeouts.SHORT);
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        pool.run(0, START_DAEMON).succeeded();
        pool.run(0, DISARM_FENCING).succeeded();
        Path pidFile = pool.runDir(0).resolve("pid");
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(recover(pool, 0).succeeded().stdout()).contains("diagnosis  none: a daemon runs for this host"
                + " (state Online)");

        ProcessHandle daemon = ProcessHandle.of(pid).orElseThrow();
        daemon.destroyForcibly();
        daemon.onExit().get(10, TimeUnit.SECONDS);
        assertThat(pidFile).exists();

        Cli.Result shown = recover(pool, 0);
        assertThat(shown.status()).as(shown.stdout() + shown.stderr()).isEqualTo(2);
        assertThat(shown.stdout()).contains("diagnosis  stale-pid").contains("process " + pid + " is not running")
                .contains("lock: free").contains("has no end");
        assertThat(recover(pool, 0, "--confirm", "excluded").status()).isEqualTo(1);
        assertThat(pidFile).exists();

        JsonNode applied = new ObjectMapper().readTree(recover(pool, 0, "--confirm", "stale-pid", "--json")
                .succeeded().stdout());
        assertThat(applied.get("applied").asBoolean()).isTrue();
        assertThat(pidFile).doesNotExist();
        List<String> lines = Files.readAllLines(journal(pool, 0));
        assertThat(lines.get(lines.size() - 1)).contains("\"seq\":0,").contains("\"kind\":\"recovery\"")
                .contains("\"diagnosis\":\"stale-pid\"");

        pool.run(0, START_DAEMON).succeeded();
        assertThat(recover(pool, 0).succeeded().stdout()).contains("a daemon runs for this host");
    }

    @Test
    void anExcludedHostWhosePeersWentDownUncleanlyStartsOnlyOnceRecoverClearsItsFlag() throws Exception {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 2, 6, "127.0.12.", 0x50000000, LoopbackPool.Timeouts.SHORT);
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        assertThat(pool.runOnAll(START_DAEMON)).allSatisfy(Cli.Result::succeeded);
        // host 0 shuts down as xapi does it; then host 1 goes down without being excluded (a power cut)
        pool.run(0, DISARM_FENCING).succeeded();
        pool.run(0, STOP_DAEMON).succeeded();
        pool.run(0, SET_EXCLUDED).succeeded();
        pool.run(1, DISARM_FENCING).succeeded();
        pool.run(1, STOP_DAEMON).succeeded();

        pool.run(0, START_DAEMON).failedWithoutOutput(18);
        Cli.Result shown = recover(pool, 0);
        assertThat(shown.status()).as(shown.stdout() + shown.stderr()).isEqualTo(2);
        assertThat(shown.stdout()).contains("diagnosis  excluded (18)").contains("excluded true")
                .contains("no other host's section changed").contains("hosts not excluded: [1]")
                .contains("start-report: 18 ");

        recover(pool, 0, "--confirm", "excluded").succeeded();
        assertThat(StatefileImage.decode(Files.readAllBytes(pool.statefile)).host(0).excluded()).isZero();
        assertThat(Files.readString(journal(pool, 0))).contains("\"kind\":\"recovery\"")
                .contains("\"diagnosis\":\"excluded\"");
        assertThat(pool.runOnAll(START_DAEMON)).allSatisfy(Cli.Result::succeeded);

        // a host excluded while its peer runs is a host away on purpose, not a fault
        pool.run(0, DISARM_FENCING).succeeded();
        pool.run(0, STOP_DAEMON).succeeded();
        pool.run(0, SET_EXCLUDED).succeeded();
        Cli.Result away = recover(pool, 0);
        assertThat(away.status()).as(away.stdout()).isZero();
        assertThat(away.stdout()).contains("hosts [1] wrote their sections").contains("joins their liveset");
    }

    /** recover on a terminal, as a person runs it: {@code script} gives it a pty; {@code typed} is typed at its prompt. */
    private Cli.Result onATerminal(LoopbackPool pool, String typed) throws Exception {
        List<String> command = new ArrayList<>(List.of(Cli.LAUNCHER.toString(), "recover", "-C",
                pool.configs.get(0).toString(), "--run-dir", xhad.runBase.toString(), "--log-base",
                xhad.logBase.toString()));
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", String.join(" ", command), "/dev/null")
                .redirectErrorStream(true);
        String jar = System.getProperty("cluster-stack.jar");
        if (jar != null) {
            pb.environment().put("CLUSTER_STACK_JAR", jar); // the build under test, as Cli runs it
        }
        Process p = pb.start();
        OutputStream keys = p.getOutputStream();
        keys.write((typed + "\n").getBytes(StandardCharsets.UTF_8)); // the pty keeps it until the prompt reads it
        keys.flush();
        String shown = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        keys.close();
        return new Cli.Result(p.exitValue(), shown, "");
    }

    @Test
    void onATerminalTheDiagnosisCodeTypedAtThePromptConfirmsAndAnotherDoesNot() throws Exception {
        LoopbackPool pool = new LoopbackPool(xhad, dir, 1, 10, "127.0.12.", 0x60000000, LoopbackPool.Timeouts.SHORT);
        pool.run(0, SET_POOL_STATE, "init").succeeded();
        Path pidFile = pool.runDir(0).resolve("pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, "999999999\n");

        Cli.Result wrong = onATerminal(pool, "stale-lock");
        assertThat(wrong.status()).as(wrong.stdout()).isEqualTo(1);
        assertThat(wrong.stdout()).contains("Type stale-pid to apply the fix").contains("is not the diagnosis stale-pid");
        assertThat(pidFile).exists();

        Cli.Result typed = onATerminal(pool, "stale-pid");
        assertThat(typed.status()).as(typed.stdout()).isZero();
        assertThat(typed.stdout()).containsOnlyOnce("diagnosis  stale-pid").contains("applied    removed " + pidFile);
        assertThat(pidFile).doesNotExist();
    }
}
