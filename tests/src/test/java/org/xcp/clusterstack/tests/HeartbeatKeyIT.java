package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;
import static org.xcp.clusterstack.api.HaScript.STOP_DAEMON;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.auth.HeartbeatKey;
import org.xcp.clusterstack.api.auth.HeartbeatKeyFile;
import org.xcp.clusterstack.api.auth.HeartbeatKeys;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.LivesetReader;

/**
 * A keyed pool of three real daemons on 127.0.8.1-3 (no other test uses 127.0.8.x), each host with its own
 * {@code /etc/xensource}-like directory: its xhad.conf, the xhad stack's settings naming its key file, and the key
 * file (docs/heartbeat-auth.md). A host holding another key cannot join and says why in one line with xhad's exit
 * code; the key is rotated in three steps, copied host by host, while the pool stays whole.
 */
class HeartbeatKeyIT {
    private static final String GENERATION = "0b5e7a11-2b3c-4d5e-8f90-0a1b2c3d4e5f";
    private static final int HOSTS = 3;
    private static final int JOIN_TIMEOUT = 10;

    @TempDir
    Path base;
    private InstalledStack xhad;
    private final List<Path> configs = new ArrayList<>();
    private final List<Path> keyFiles = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    @AfterEach
    void stopAll() {
        if (xhad != null) {
            xhad.stopAll();
        }
    }

    @Test
    void aHostWithAnotherKeyCannotJoinAndTheKeyRotatesWithoutDowntime() throws IOException {
        HeartbeatKeys pool = HeartbeatKeys.of(HeartbeatKey.generate());
        setUp(pool);
        enable();
        for (int h = 0; h < HOSTS; h++) {
            assertThat(log(h)).contains("heartbeats are authenticated (HMAC-SHA-256, " + pool.describe());
        }

        // host 2 leaves cleanly, gets a key of its own, and tries to come back
        run(2, STOP_DAEMON).succeeded();
        InstalledStack.eventually(Duration.ofSeconds(40), "hosts 0 and 1 drop host 2",
                () -> live(0).equals(List.of(true, true, false)) && live(1).equals(List.of(true, true, false)));
        HeartbeatKeys foreign = HeartbeatKeys.of(HeartbeatKey.generate());
        HeartbeatKeyFile.write(keyFiles.get(2), foreign);
        Cli.Result refused = run(2, START_DAEMON);
        assertThat(refused.status()).as("ha_start_daemon with a foreign key; stderr %s", refused.stderr())
                .isEqualTo(13);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr().strip().lines().count()).isEqualTo(1);
        assertThat(refused.stderr()).contains("sends heartbeats with key " + pool.current().idText()
                + ", this host holds current=" + foreign.current().idText()
                + ": every host of the pool needs the same key file");

        // with the pool's key it joins
        HeartbeatKeyFile.write(keyFiles.get(2), pool);
        run(2, START_DAEMON).succeeded();
        assertWhole();

        // rotation: each step copied to every host in turn; the pool never loses a host
        HeartbeatKeys step1 = pool.withNext(HeartbeatKey.generate());
        HeartbeatKeys step2 = step1.promote();
        HeartbeatKeys step3 = step2.retire();
        for (HeartbeatKeys step : List.of(step1, step2, step3)) {
            for (int h = 0; h < HOSTS; h++) {
                HeartbeatKeyFile.write(keyFiles.get(h), step);
                sleep(1500); // the daemon looks at its key file once per heartbeat interval (1 s)
                assertWhole();
            }
            for (int h = 0; h < HOSTS; h++) {
                int host = h;
                String changed = "heartbeat keys changed: " + step.describe();
                InstalledStack.eventually(Duration.ofSeconds(5), "host " + h + " took " + step.describe(),
                        () -> log(host).contains(changed));
            }
        }
        sleep(6000); // longer than T1 = 4 s on the final key alone
        assertWhole();
        for (int h = 0; h < HOSTS; h++) {
            assertThat(log(h)).doesNotContain("SELF-FENCE", "refused in the last");
        }
    }

    private void setUp(HeartbeatKeys keys) throws IOException {
        xhad = InstalledStack.install(base, "xhad");
        Path statefile = Fixtures.write(base.resolve("statefile"), new byte[266_240]);
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse(GENERATION))
                .parameter(Parameter.HEARTBEAT_INTERVAL, 1).parameter(Parameter.HEARTBEAT_TIMEOUT, 4)
                .parameter(Parameter.STATEFILE_INTERVAL, 1).parameter(Parameter.STATEFILE_TIMEOUT, 4)
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, 4).parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, 6)
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, JOIN_TIMEOUT)
                .parameter(Parameter.ENABLE_JOIN_TIMEOUT, JOIN_TIMEOUT)
                .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.USER);
        for (int i = 0; i < HOSTS; i++) {
            ids.add(String.format("%08x-1111-4222-8333-%012x", 0x0b000000 + i, i));
            b.host(HaUuid.parse(ids.get(i)), "127.0.8." + (i + 1));
        }
        for (int i = 0; i < HOSTS; i++) {
            Path etc = Files.createDirectories(base.resolve("h" + i));
            configs.add(DaemonConfigWriter.write(b.build(HaUuid.parse(ids.get(i))), etc.resolve("xhad.conf")));
            Path key = etc.resolve("cluster-stack").resolve("heartbeat.key");
            Files.createDirectories(key.getParent());
            HeartbeatKeyFile.write(key, keys);
            keyFiles.add(key);
            Files.writeString(key.resolveSibling("xhad.conf"), "heartbeat-key = " + key + "\n");
        }
    }

    private void enable() {
        run(0, SET_POOL_STATE, "init").succeeded();
        List<CompletableFuture<Cli.Result>> starts = new ArrayList<>();
        for (int h = 0; h < HOSTS; h++) {
            int host = h;
            starts.add(CompletableFuture.supplyAsync(() -> run(host, START_DAEMON)));
        }
        starts.forEach(s -> s.join().succeeded());
        assertThat(run(0, PROPOSE_MASTER).succeeded().stdout()).isEqualTo("TRUE\n");
        assertWhole();
    }

    private void assertWhole() {
        InstalledStack.eventually(Duration.ofSeconds(15), "every host lists all three live", () -> {
            for (int h = 0; h < HOSTS; h++) {
                if (!live(h).equals(List.of(true, true, true))) {
                    return false;
                }
            }
            return true;
        });
    }

    private List<Boolean> live(int h) {
        Cli.Result r = run(h, QUERY_LIVESET);
        return r.status() == 0 ? LivesetReader.read(r.stdout()).hosts().stream().map(HostEntry::live).toList()
                : List.of();
    }

    private Cli.Result run(int host, org.xcp.clusterstack.api.HaScript script, Object... args) {
        List<Object> all = new ArrayList<>(List.of(args));
        all.add("-C");
        all.add(configs.get(host));
        return xhad.run(script, all.toArray());
    }

    private String log(int h) {
        return xhad.daemonLogText(ids.get(h));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
