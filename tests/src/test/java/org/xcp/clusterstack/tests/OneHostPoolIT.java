package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.CLEAR_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_EXCLUDED;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;

/**
 * A one-host HA pool driven through the installed {@code xhad} scripts, as xapi drives it (spec §1), each
 * script a real process in xapi's environment, the statefile a real file.
 */
class OneHostPoolIT {
    @TempDir
    static Path base;
    static InstalledStack xhad;

    @TempDir
    Path dir;

    @BeforeAll
    static void install() throws Exception {
        // like /usr/libexec: anyone may read the scripts (the not-root test runs one as nobody)
        Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        xhad = InstalledStack.install(base, "xhad");
    }

    @AfterEach
    void stopDaemons() {
        xhad.stopAll();
    }

    @Test
    void theWholeLifeOfAOneHostPool() throws Exception {
        Path config = OnePool.config(dir);

        assertThat(xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded().stdout()).isEmpty();
        assertThat(xhad.run(START_DAEMON, "-C", config).succeeded().stdout()).isEmpty();

        Liveset online = LivesetReader.read(xhad.run(QUERY_LIVESET, "-C", config).succeeded().stdout());
        assertThat(online.status()).isEqualTo(LivesetStatus.ONLINE);
        assertThat(online.localHost().dashed()).isEqualTo(OnePool.HOST);
        assertThat(online.hosts()).singleElement().satisfies(h -> {
            assertThat(h.live()).isTrue();
            assertThat(h.master()).isFalse();
            assertThat(h.statefileAccess()).isTrue();
            assertThat(h.excluded()).isFalse();
        });
        assertThat(dump(config)).contains("  global.pool_state = 2\n"); // the first liveset made INIT ACTIVE

        assertThat(xhad.run(PROPOSE_MASTER, "-C", config).succeeded().stdout()).isEqualTo("TRUE\n");
        assertThat(LivesetReader.read(xhad.run(QUERY_LIVESET, "-C", config).stdout()).hosts())
                .extracting(HostEntry::master).containsExactly(true);
        assertThat(xhad.run(PROPOSE_MASTER, "-C", config).succeeded().stdout()).isEqualTo("TRUE\n");

        assertThat(status(config).at("/fencing").asText()).isEqualTo("armed");
        assertThat(status(config).at("/xapi/health_check").asText()).as("no xapi on this machine").isEqualTo("off");
        theLogIsInTheLogBaseWithLevelsAndSaysWhereSyslogIs(config);
        assertThat(xhad.run(DISARM_FENCING, "-C", config).succeeded().stdout()).isEmpty();
        assertThat(xhad.run(DISARM_FENCING, "-C", config).succeeded().stdout()).isEmpty();
        assertThat(status(config).at("/fencing").asText()).isEqualTo("disarmed");

        xhad.run(CLEAR_EXCLUDED, "-C", config).succeeded();
        assertThat(xhad.run(SET_EXCLUDED, "-C", config).succeeded().stdout()).isEmpty();
        // xhad's trap: after set_excluded the daemon ends by itself, with 19
        InstalledStack.eventually(Duration.ofSeconds(10), "the daemon to end after set_excluded",
                () -> status(config).at("/state").asText().equals("absent"));
        assertThat(Files.readString(xhad.daemonLog(OnePool.HOST))).contains("ending with MTC_EXIT_SET_EXCLUDED");
        assertThat(dump(config)).contains("  host[ 0].excluded = 1\n");

        xhad.run(CLEAR_EXCLUDED, "-C", config).succeeded(); // without a daemon: written directly
        assertThat(dump(config)).contains("  host[ 0].excluded = 0\n");
        xhad.run(SET_EXCLUDED, "-C", config).succeeded();
        assertThat(dump(config)).contains("  host[ 0].excluded = 1\n");

        xhad.run(START_DAEMON, "-C", config).succeeded(); // a start clears the flag
        assertThat(LivesetReader.read(xhad.run(QUERY_LIVESET, "-C", config).stdout()).hosts())
                .extracting(HostEntry::excluded).containsExactly(false);
        assertThat(xhad.run(STOP_DAEMON, "-C", config).succeeded().stdout()).isEmpty();
        assertThat(status(config).at("/state").asText()).isEqualTo("absent");
        assertThat(runDir().resolve("liveset.xml")).doesNotExist();

        xhad.run(SET_POOL_STATE, "invalid", "-C", config).succeeded();
        assertThat(dump(config)).contains("  global.pool_state = 3\n");
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(11);
    }

    /**
     * Status answers "is this host about to fence itself for xapi?": a fake xapi healthy until {@code xapi-down}
     * exists, restarted by {@code /bin/true} (which cures nothing), checked every second on a disarmed host.
     */
    @Test
    void statusShowsXapisHealthCheckAndASelfFencePendingForIt() throws Exception {
        Path config = OnePool.config(dir, OnePool.pool(dir).parameter(Parameter.XAPI_HEALTH_CHECK_INTERVAL, 1)
                .parameter(Parameter.XAPI_HEALTH_CHECK_TIMEOUT, 2));
        Path down = dir.resolve("xapi-down");
        String check = "/usr/bin/test ! -e " + down;
        Fixtures.write(Files.createDirectories(dir.resolve("cluster-stack")).resolve("xhad.conf"),
                "xapi-health-check-command = " + check + "\nxapi-restart-command = /bin/true\n");
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).succeeded();

        assertThat(status(config).at("/xapi/health_check").asText()).isEqualTo("on");
        assertThat(status(config).at("/xapi/command").asText()).isEqualTo(check);
        InstalledStack.eventually(Duration.ofSeconds(15), "a health check that passed",
                () -> status(config).at("/xapi/last_check").asText().equals("passed"));
        JsonNode healthy = status(config).at("/xapi");
        assertThat(healthy.at("/failed_in_a_row").asLong()).isZero();
        assertThat(healthy.at("/restarts_allowed").asLong()).isOne();
        assertThat(healthy.at("/self_fence").asText()).isEqualTo("none");
        assertThat(statusText(config)).contains("xapi     health check on: " + check + "\n",
                "  last check    passed in ", "  self-fence    none pending\n");

        xhad.run(DISARM_FENCING, "-C", config).succeeded(); // the self-fence is only logged
        Fixtures.write(down, new byte[0]);
        InstalledStack.eventually(Duration.ofSeconds(30), "a self-fence pending after the day's one restart",
                () -> status(config).at("/xapi/self_fence").asText().equals("pending"));
        JsonNode failing = status(config).at("/xapi");
        assertThat(failing.at("/last_check").asText()).isEqualTo("failed");
        assertThat(failing.at("/failed_in_a_row").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(failing.at("/restarts_used").asLong()).isOne();
        String[] text = {""};
        InstalledStack.eventually(Duration.ofSeconds(30), "status to say the self-fence is pending",
                () -> (text[0] = statusText(config)).contains("  self-fence    PENDING in "));
        assertThat(text[0]).contains(": fencing is not armed here, so it is only logged\n",
                "  restarts      1 of 1 used", "  last check    failed (exit 1) in ", "  failures      ");
    }

    @Test
    void withoutADaemonQueryProposeAndDisarmAre14AndStopIs0() {
        Path config = OnePool.config(dir);

        xhad.run(QUERY_LIVESET, "-C", config).failedWithoutOutput(14);
        xhad.run(PROPOSE_MASTER, "-C", config).failedWithoutOutput(14);
        xhad.run(DISARM_FENCING, "-C", config).failedWithoutOutput(14);
        assertThat(xhad.run(STOP_DAEMON, "-C", config).succeeded().stdout()).isEmpty();
    }

    @Test
    void startingTwiceIs15AndInitWhileRunningIs15() {
        Path config = OnePool.config(dir);
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).succeeded();

        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(15);
        xhad.run(SET_POOL_STATE, "init", "-C", config).failedWithoutOutput(15);
        assertThat(status(config).at("/state").asText()).isEqualTo("Online");
    }

    @Test
    void aBadPoolStateWordOrNoneIs1() {
        Path config = OnePool.config(dir);

        xhad.run(SET_POOL_STATE, "bogus", "-C", config).failedWithoutOutput(1);
        xhad.run(SET_POOL_STATE).failedWithoutOutput(1);
        xhad.run(SET_POOL_STATE, "init", "-C").failedWithoutOutput(1);
        xhad.run(SET_EXCLUDED, "--force", "-C", config).failedWithoutOutput(1);
    }

    @Test
    void configErrorsAreTheDaemonsStartCodes() {
        Path config = OnePool.config(dir);
        String good = readString(config);

        xhad.run(START_DAEMON, "-C", dir.resolve("missing.conf")).failedWithoutOutput(6);
        Fixtures.write(config, good.replace("</common-config>", "</common>"));
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(7);
        Fixtures.write(config, good.replace("<xhad-config version=\"1.0\">", "<xhad-config version=\"2.0\">"));
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(7);
        Fixtures.write(config, good.replace("<UDPport>694</UDPport>", ""));
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(7);
    }

    @Test
    void statefileErrorsAreTheDaemonsStartCodes() throws Exception {
        Path config = OnePool.config(dir);

        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(8); // never initialised: all zero

        Path other = Fixtures.write(dir.resolve("other.conf"), readString(config).replace(OnePool.GENERATION,
                "11111111-2222-4333-8444-555555555555"));
        xhad.run(SET_POOL_STATE, "init", "-C", other).succeeded();
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(10);

        // a flipped end marker (outside the checksum) is corruption: 8 at start, as `statefile dump` says 9 for it
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        byte[] flipped = java.nio.file.Files.readAllBytes(dir.resolve("statefile"));
        flipped[100] ^= 0x01;
        Fixtures.write(dir.resolve("statefile"), flipped);
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(8);
        Cli.Result dump = Cli.run("statefile", "dump", dir.resolve("statefile"), "-C", config);
        assertThat(dump.status()).isEqualTo(9);
        assertThat(dump.stdout()).contains("**global.end_marker = 0x70646e64(dndp)\n");

        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(SET_POOL_STATE, "invalid", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(11);
        xhad.run(SET_EXCLUDED, "-C", config).failedWithoutOutput(11);
    }

    @Test
    void aStartingHostAnswers17AndItsLivesetSaysStarting() throws Exception {
        // a peer that never comes keeps the start Starting until EnableJoinTimeout, then 12 (spec §7.1)
        Path config = OnePool.config(dir, OnePool.withPeer(OnePool.pool(dir)).watchdogMode(WatchdogMode.NONE)
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, 4).parameter(Parameter.ENABLE_JOIN_TIMEOUT, 4));
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        Process start = xhad.startInBackground("-C", config);
        InstalledStack.eventually(Duration.ofSeconds(10), "the daemon to answer",
                () -> xhad.run(QUERY_LIVESET, "-C", config).status() == 0);

        Liveset starting = LivesetReader.read(xhad.run(QUERY_LIVESET, "-C", config).succeeded().stdout());
        assertThat(starting.status()).isEqualTo(LivesetStatus.STARTING);
        assertThat(starting.hosts()).isEmpty();
        xhad.run(PROPOSE_MASTER, "-C", config).failedWithoutOutput(17);
        xhad.run(DISARM_FENCING, "-C", config).failedWithoutOutput(17);

        assertThat(start.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(start.exitValue()).isEqualTo(12);
    }

    @Test
    void invalidWhileRunningEndsTheDaemonWith11() throws Exception {
        Path config = OnePool.config(dir);
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).succeeded();

        xhad.run(SET_POOL_STATE, "invalid", "-C", config).succeeded();

        InstalledStack.eventually(Duration.ofSeconds(10), "the daemon to see INVALID and end",
                () -> status(config).at("/state").asText().equals("absent"));
        assertThat(Files.readString(xhad.daemonLog(OnePool.HOST))).contains("ending with MTC_EXIT_INVALID_POOL_STATE");
        xhad.run(QUERY_LIVESET, "-C", config).failedWithoutOutput(14);
    }

    @Test
    void hypervisorModeWithoutAWatchdogDeviceIs4() {
        Path config = OnePool.config(dir, OnePool.pool(dir).watchdogMode(WatchdogMode.HYPERVISOR));
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();

        assertThat(Path.of("/dev/watchdog")).as("this test needs a machine without a watchdog").doesNotExist();
        xhad.run(START_DAEMON, "-C", config).failedWithoutOutput(4);
        assertThat(Path.of("/dev/watchdog")).as("opening it must never create it").doesNotExist();
    }

    @Test
    void theUserWatchdogFencesAHungDaemon() throws Exception {
        Path config = OnePool.config(dir, OnePool.pool(dir).parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, 3));
        xhad.run(SET_POOL_STATE, "init", "-C", config).succeeded();
        xhad.run(START_DAEMON, "-C", config).succeeded();
        ProcessHandle daemon = ProcessHandle.of(status(config).at("/pid").asLong()).orElseThrow();

        new ProcessBuilder("kill", "-STOP", Long.toString(daemon.pid())).start().waitFor(); // hung, not dead

        InstalledStack.eventually(Duration.ofSeconds(15), "the watchdog to fence the hung daemon",
                () -> !daemon.isAlive() || isZombie(daemon));
        assertThat(Files.readString(xhad.daemonLog(OnePool.HOST))).contains("user-watchdog: no pet for 3s");
    }

    @Test
    void theScriptsCheckTheirEnvironmentLikeXhad() {
        Path config = OnePool.config(dir);

        Cli.Result notOnPath = xhad.runWithPath("/usr/bin:/bin", QUERY_LIVESET, "-C", config);
        assertThat(notOnPath.status()).isEqualTo(16);
        assertThat(notOnPath.stdout()).isEmpty();
        Cli.Result notRoot = Cli.exec(java.util.List.of("/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
                "--clear-groups", "/usr/bin/env", "-i", "PATH=/usr/bin:/bin:" + xhad.dir,
                xhad.dir.resolve("ha_query_liveset").toString()));
        assertThat(notRoot.status()).isEqualTo(16);
        assertThat(notRoot.stderr()).contains("must be run as root");
    }

    /**
     * The daemon logs in the installed log base, never in its run directory (a tmpfs), lines with a level; the
     * system log at /dev/log is used where it exists, and said once to be absent where it does not.
     */
    private void theLogIsInTheLogBaseWithLevelsAndSaysWhereSyslogIs(Path config) throws Exception {
        JsonNode log = status(config).at("/log");
        Path file = xhad.daemonLog(OnePool.HOST);
        assertThat(log.at("/file").asText()).isEqualTo(file.toString());
        assertThat(log.at("/level").asText()).isEqualTo("INFO");
        assertThat(runDir().resolve("daemon.log")).doesNotExist();
        String line = "\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z (DEBUG|INFO|NOTICE|WARNING|ERROR) \\[\\d+] .+";
        assertThat(Files.readAllLines(file)).isNotEmpty().allMatch(l -> l.matches(line), "INSTANT LEVEL [pid] message");
        // the class's tests share the host's log: this daemon's own lines are those of its pid
        String pid = "[" + status(config).at("/pid").asText() + "] ";
        long absent = Files.readAllLines(file).stream().filter(l -> l.contains(pid)
                && l.contains(" syslog: /dev/log is absent")).count();
        if (Files.exists(Path.of("/dev/log"))) {
            assertThat(log.at("/syslog_state").asText()).isEqualTo("connected");
            assertThat(absent).isZero();
        } else {
            assertThat(log.at("/syslog_state").asText()).isEqualTo("absent");
            assertThat(absent).as("said once by this daemon").isOne();
        }
    }

    private Path runDir() {
        return xhad.runBase.resolve("xhad").resolve(OnePool.HOST.replace("-", ""));
    }

    private JsonNode status(Path config) {
        try {
            return new ObjectMapper().readTree(Cli.run("status", "-C", config, "--run-dir", xhad.runBase, "--json")
                    .succeeded().stdout());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private String statusText(Path config) {
        return Cli.run("status", "-C", config, "--run-dir", xhad.runBase).succeeded().stdout();
    }

    private String dump(Path config) {
        return Cli.run("statefile", "dump", dir.resolve("statefile"), "-C", config).stdout();
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean isZombie(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
