package org.xcp.clusterstack.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xcp.clusterstack.api.HaScript.DISARM_FENCING;
import static org.xcp.clusterstack.api.HaScript.PROPOSE_MASTER;
import static org.xcp.clusterstack.api.HaScript.QUERY_LIVESET;
import static org.xcp.clusterstack.api.HaScript.SET_POOL_STATE;
import static org.xcp.clusterstack.api.HaScript.START_DAEMON;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.ocfs2.o2cb.HeartbeatBlock;
import org.xcp.clusterstack.ocfs2.o2cb.HeartbeatBlockCodec;

/**
 * The {@code ocfs2} stack on o2cb through the installed scripts, three hosts on this machine. o2cb's kernel
 * modules cannot load here, so each host gets a configfs tree built in the documented layout (stacks.md §3.3)
 * and one shared heartbeat device, a regular file whose slots this test writes every 2 s as o2hb's owners do
 * (§3.4: hb_seq, node, crc32_le, generation, dead time). A host "dies" the way o2cb sees it: its slot stops
 * changing (here the kernel would have reset it); its daemon is killed with it.
 */
class Ocfs2O2cbPoolIT {
    static final int HOSTS = 3;
    static final int BLOCK = 512;
    static final long START_BLOCK = 8;
    static final int DEAD_THRESHOLD = 3;
    static final String REGION = "0A1B2C3D4E5F60718293A4B5C6D7E8F9";

    @TempDir
    Path base;

    InstalledStack ocfs2;
    final List<Path> configs = new ArrayList<>();
    final List<HaUuid> ids = new ArrayList<>();
    final boolean[] beating = new boolean[HOSTS];
    final long[] seq = new long[HOSTS];
    final ScheduledExecutorService o2hb = Executors.newSingleThreadScheduledExecutor();
    Path device;

    @AfterEach
    void stop() {
        o2hb.shutdownNow();
        if (ocfs2 != null) {
            ocfs2.stopAll();
        }
    }

    void pool() throws IOException {
        ocfs2 = InstalledStack.install(base, "ocfs2");
        Path statefile = Fixtures.write(base.resolve("statefile"), new byte[266_240]);
        Files.createDirectories(base.resolve("dev"));
        device = Fixtures.write(base.resolve("dev/o2hbdev"), new byte[(int) (START_BLOCK + 255) * BLOCK]);
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse("4c1e5b7a-90d2-4f3e-8a61-2b4c6d8e0f12"))
                .haTimeout(10).heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.USER);
        for (int i = 0; i < HOSTS; i++) {
            ids.add(HaUuid.parse(String.format("%08x-2222-4333-8444-%012x", 0x51 + i, i))); // index order
            b.host(ids.get(i), "127.0.6." + (i + 1));
        }
        List<DaemonConfig> perHost = b.buildForEachHost();
        for (int i = 0; i < HOSTS; i++) {
            Path dir = Files.createDirectories(base.resolve("h" + i));
            configs.add(DaemonConfigWriter.write(perHost.get(i), dir.resolve("xhad.conf")));
            Path cluster = dir.resolve("configfs/cluster/xspool1");
            write(cluster.resolve("heartbeat/mode"), "global");
            write(cluster.resolve("heartbeat/dead_threshold"), Integer.toString(DEAD_THRESHOLD));
            for (int n = 0; n < HOSTS; n++) {
                Path node = cluster.resolve("node/host-" + n);
                write(node.resolve("num"), Integer.toString(n));
                write(node.resolve("local"), n == i ? "1" : "0");
                write(node.resolve("ipv4_address"), "10.0.0." + (n + 1));
                write(node.resolve("ipv4_port"), "7777");
            }
            Path region = cluster.resolve("heartbeat/" + REGION);
            write(region.resolve("block_bytes"), Integer.toString(BLOCK));
            write(region.resolve("start_block"), Long.toString(START_BLOCK));
            write(region.resolve("blocks"), "255");
            write(region.resolve("dev"), "o2hbdev");
            write(region.resolve("pid"), "4242"); // the region's heartbeat thread runs
            write(dir.resolve("cluster-stack/ocfs2.conf"), "ocfs2.cluster_stack = o2cb\no2cb.configfs = "
                    + dir.resolve("configfs") + "\no2cb.device_dir = " + base.resolve("dev"));
        }
        java.util.Arrays.fill(beating, true);
        o2hb.scheduleAtFixedRate(this::beat, 0, 2, TimeUnit.SECONDS);
    }

    /** One o2hb period: every node still beating writes its slot with a new hb_seq. */
    void beat() {
        try (RandomAccessFile f = new RandomAccessFile(device.toFile(), "rw")) {
            for (int n = 0; n < HOSTS; n++) {
                if (beating[n]) {
                    seq[n]++;
                    f.seek((START_BLOCK + n) * BLOCK);
                    f.write(HeartbeatBlockCodec.seal(new HeartbeatBlock(seq[n], n, 0, 0x1000 + n,
                            DEAD_THRESHOLD * 2000L), BLOCK));
                }
            }
            f.getFD().sync();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void threeHostsOnO2cbFormAPoolAndDropAHostWhoseHeartbeatStops() throws Exception {
        pool();
        ocfs2.run(SET_POOL_STATE, "init", "-C", configs.get(0)).succeeded();
        List<CompletableFuture<Cli.Result>> starts = new ArrayList<>();
        for (Path c : configs) {
            starts.add(CompletableFuture.supplyAsync(() -> ocfs2.run(START_DAEMON, "-C", c)));
        }
        starts.forEach(s -> s.join().succeeded());
        assertThat(ocfs2.run(PROPOSE_MASTER, "-C", configs.get(0)).succeeded().stdout()).isEqualTo("TRUE\n");
        for (Path c : configs) {
            assertThat(live(c)).containsExactly(true, true, true);
        }
        assertThat(Cli.run("status", "--stack", "ocfs2", "-C", configs.get(0), "--run-dir", ocfs2.runBase).succeeded()
                .stdout()).contains("by o2cb");

        // stacks.md §3.8: o2cb fences by itself and cannot be disarmed while a region is active
        Cli.Result refused = ocfs2.run(DISARM_FENCING, "-C", configs.get(0)).failedWithoutOutput(16);
        assertThat(refused.stderr()).hasLineCount(1); // the daemon's reason travels in its reply, for xapi's log

        long cut = System.nanoTime();
        beating[2] = false; // host 2's writes stop: o2hb on the others sees its slot stand still
        ProcessHandle.of(Long.parseLong(Files.readString(daemonPid(2)).strip())).ifPresent(ProcessHandle::destroyForcibly);
        waitFor(() -> live(configs.get(0)).equals(List.of(true, true, false))
                && live(configs.get(1)).equals(List.of(true, true, false)), 40);
        double seconds = (System.nanoTime() - cut) / 1e9;
        // dead after DEAD_THRESHOLD unchanged reads of 2 s, then the 2 s o2cb window (stacks.md §5.3)
        assertThat(seconds).isGreaterThanOrEqualTo((DEAD_THRESHOLD - 1) * 2.0 + 2.0);
        assertThat(master(configs.get(1))).isEqualTo(0);

        for (int i = 0; i < 2; i++) { // the volumes unmounted: no region's heartbeat thread runs any more
            write(base.resolve("h" + i + "/configfs/cluster/xspool1/heartbeat/" + REGION + "/pid"), "");
        }
        ocfs2.run(DISARM_FENCING, "-C", configs.get(0)).succeeded();
    }

    Path daemonPid(int host) {
        return ocfs2.runBase.resolve("ocfs2").resolve(ids.get(host).toString().replace("-", "")).resolve("pid");
    }

    List<Boolean> live(Path config) {
        Cli.Result r = ocfs2.run(QUERY_LIVESET, "-C", config);
        if (r.status() != 0) {
            return List.of();
        }
        Liveset l = LivesetReader.read(r.stdout());
        return l.hosts().stream().map(HostEntry::live).toList();
    }

    int master(Path config) {
        Liveset l = LivesetReader.read(ocfs2.run(QUERY_LIVESET, "-C", config).succeeded().stdout());
        return l.hosts().stream().filter(HostEntry::master).mapToInt(HostEntry::index).findFirst().orElse(-1);
    }

    /** One configfs attribute (or settings file): the value and a newline. */
    static void write(Path file, String value) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fixtures.write(file, value + "\n");
    }

    static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("not within %d s", seconds).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
