package org.xcp.clusterstack.daemon.managed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.common.statefile.StatefileDevice;

/**
 * xhad's behaviour on top of an external manager, three engines sharing one real statefile, membership from
 * an in-memory manager: start, INIT → ACTIVE, one master, the fence window, quorum loss, the scripts' codes.
 */
class ManagedEngineTest {
    private static final HaUuid GENERATION = HaUuid.parse("a55e901b-fd4c-4037-abbf-c0dd3960dc4a");
    private static final int WH = 2;

    @TempDir
    Path dir;

    private final List<ManagedEngine> engines = new ArrayList<>();
    private final List<RecordingFencer> fencers = new ArrayList<>();
    private final List<java.util.concurrent.atomic.AtomicInteger> republished = new ArrayList<>();
    private List<DaemonConfig> configs;
    private FakeManager manager;

    @AfterEach
    void stop() {
        engines.forEach(ManagedEngine::close);
    }

    private List<HaUuid> pool(int n, int bootJoin) {
        Path statefile = dir.resolve("statefile");
        try {
            Files.write(statefile, new byte[266_240]);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        DaemonConfigBuilder b = DaemonConfig.builder().generation(GENERATION)
                .parameter(Parameter.HEARTBEAT_INTERVAL, 1).parameter(Parameter.STATEFILE_INTERVAL, 1)
                .parameter(Parameter.HEARTBEAT_TIMEOUT, 3).parameter(Parameter.STATEFILE_TIMEOUT, 3)
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, WH).parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, 4)
                .parameter(Parameter.BOOT_JOIN_TIMEOUT, bootJoin).parameter(Parameter.ENABLE_JOIN_TIMEOUT, bootJoin)
                .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.USER);
        List<HaUuid> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HaUuid id = HaUuid.parse(String.format("%08x-1111-4222-8333-%012x", 0x10 + i, i));
            ids.add(id);
            b.host(id, "127.0.5." + (i + 1));
        }
        configs = b.buildForEachHost();
        try (StatefileDevice d = StatefileDevice.open(statefile)) {
            d.format(GENERATION, n);
        }
        manager = new FakeManager(ids);
        return ids;
    }

    private ManagedEngine engine(int host, FencingAuthority authority) {
        RecordingFencer fencer = new RecordingFencer();
        DaemonConfig config = configs.get(host);
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        republished.add(changes);
        StackContext context = new StackContext(config, fencer, m -> { }, changes::incrementAndGet,
                FaultPoints.none(), StackSettings.none(dir.resolve("none.conf")));
        ManagedEngine e = new ManagedEngine(context, manager.sourceFor(config.local().hostId(), authority));
        engines.add(e);
        fencers.add(fencer);
        return e;
    }

    private List<ManagedEngine> startAll(int n, FencingAuthority authority) {
        pool(n, 10);
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ManagedEngine e = engine(i, authority);
            joins.add(CompletableFuture.runAsync(e::join));
        }
        joins.forEach(CompletableFuture::join);
        return engines;
    }

    @Test
    void underInitEveryHostStartsOnceAllAreQuorateMembersAndThePoolBecomesActive() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        for (ManagedEngine e : engines) {
            assertThat(e.state()).isEqualTo(HostState.ONLINE);
            assertThat(e.liveset().hosts()).extracting(HostEntry::live).containsExactly(true, true, true);
        }
        try (StatefileDevice d = StatefileDevice.openReadOnly(configs.get(0).local().stateFile())) {
            assertThat(d.readGlobal().poolStateValue()).contains(PoolState.ACTIVE);
        }
        assertThat(fencers).allSatisfy(f -> assertThat(f.isArmed()).isTrue());
    }

    @Test
    void concurrentProposalsGiveExactlyOneTrueAndTheLivesetNamesThatMaster() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<Boolean>> answers = engines.stream()
                    .map(e -> CompletableFuture.supplyAsync(e::proposeMaster)).toList();
            List<Boolean> got = answers.stream().map(f -> f.orTimeout(20, TimeUnit.SECONDS).join()).toList();
            assertThat(got).as("round " + round).containsOnlyOnce(true);
            int master = got.indexOf(true);
            waitFor(() -> engines.stream().allMatch(e -> e.liveset().hosts().get(master).master()), 40);
        }
    }

    @Test
    void aDepartedPeerStaysLiveForTheFenceWindowAndTheIsolatedHostIsFencedByTheOneWatchdog() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        long cut = System.nanoTime();
        manager.isolate(configs.get(2).local().hostId());
        waitFor(() -> fencers.get(2).fenced() != null, 20);
        assertThat(fencers.get(2).fenced()).contains("outside the quorate partition");
        assertThat(awaitEnd(engines.get(2))).as("a victim whose fencer returned takes no further part")
                .isEqualTo(ExitCode.SYSTEM_ERROR);
        waitFor(() -> !engines.get(0).liveset().hosts().get(2).live(), 40);
        double heldSeconds = (System.nanoTime() - cut) / 1e9;
        // Wh (2 s) + one poll (0.1 s): the victim's watchdog has certainly fired before survivors drop it
        assertThat(heldSeconds).isGreaterThanOrEqualTo(WH + 0.1);
        assertThat(engines.get(0).liveset().hosts()).extracting(HostEntry::live).containsExactly(true, true, false);
        assertThat(fencers.get(0).fenced()).isNull();
        assertThat(fencers.get(1).fenced()).isNull();
    }

    @Test
    void aHealedHostIsListedAgain() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        engines.get(2).disarmFencing();
        manager.isolate(configs.get(2).local().hostId());
        waitFor(() -> !engines.get(0).liveset().hosts().get(2).live(), 40);
        assertThat(fencers.get(2).fenced()).as("disarmed: never fenced").isNull();
        manager.heal();
        waitFor(() -> engines.stream().allMatch(e -> e.liveset().hosts().get(2).live()), 20);
    }

    @Test
    void aManagerThatFencesByItselfNeverHasTheWatchdogArmedAndDisarmAsksTheManager() throws Exception {
        startAll(3, FencingAuthority.manager("test manager", Duration.ofMillis(500)));
        assertThat(fencers).noneSatisfy(f -> assertThat(f.everArmed()).isTrue());
        engines.get(0).disarmFencing();
        manager.refuseDisarm();
        assertThatThrownBy(() -> engines.get(1).disarmFencing()).isInstanceOf(HaException.class)
                .satisfies(e -> assertThat(((HaException) e).exitCode()).isEqualTo(ExitCode.INVALID_ENVIRONMENT));
        manager.isolate(configs.get(2).local().hostId());
        waitFor(() -> !engines.get(1).liveset().hosts().get(2).live(), 20);
        assertThat(engines.get(0).liveset().hosts().get(2).live()).as("a disarmed host never removes anyone (§7.3)")
                .isTrue();
        assertThat(fencers).noneSatisfy(f -> assertThat(f.fenced()).isNotNull());
    }

    /**
     * Under INIT the others form the liveset with host 0 while host 0's manager does not count it in yet: that is
     * not the stale liveset "INIT with an existing liveset" (11) is about; host 0 waits and adopts it.
     */
    @Test
    void underInitAHostWhoseManagerLagsAdoptsTheLivesetThePeersFormedWithIt() throws Exception {
        List<HaUuid> ids = pool(3, 10);
        manager.lagging(ids.get(0));
        List<CompletableFuture<Void>> joins = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ManagedEngine e = engine(i, FencingAuthority.stackWatchdog("test watchdog"));
            joins.add(CompletableFuture.runAsync(e::join));
        }
        waitFor(() -> engines.get(1).state() == HostState.ONLINE && engines.get(2).state() == HostState.ONLINE, 40);
        Thread.sleep(1_000); // host 0 sees their liveset while its manager still leaves it out
        assertThat(engines.get(0).state()).isNotEqualTo(HostState.ONLINE);
        manager.heal();

        joins.forEach(CompletableFuture::join); // an end with 11 would throw here
        for (ManagedEngine e : engines) {
            assertThat(e.state()).isEqualTo(HostState.ONLINE);
            assertThat(e.liveset().hosts()).allSatisfy(h -> assertThat(h.live()).isTrue());
        }
    }

    @Test
    void aHostThatNeverBecomesAQuorateMemberEndsItsStartWith12() {
        List<HaUuid> ids = pool(3, 2);
        manager.isolate(ids.get(0));
        ManagedEngine lonely = engine(0, FencingAuthority.stackWatchdog("test watchdog"));
        assertThatThrownBy(lonely::join).isInstanceOf(HaException.class)
                .satisfies(e -> assertThat(((HaException) e).exitCode()).isEqualTo(ExitCode.BOOTJOIN_TIMEOUT))
                .hasMessageContaining("not quorate");
    }

    @Test
    void scriptsBeforeOnlineAnswer17() {
        pool(3, 2);
        ManagedEngine e = engine(0, FencingAuthority.stackWatchdog("test watchdog"));
        assertThatThrownBy(e::proposeMaster).satisfies(x ->
                assertThat(((HaException) x).exitCode()).isEqualTo(ExitCode.INVALID_LOCALHOST_STATE));
        assertThatThrownBy(e::disarmFencing).satisfies(x ->
                assertThat(((HaException) x).exitCode()).isEqualTo(ExitCode.INVALID_LOCALHOST_STATE));
    }

    @Test
    void poolStateInvalidEndsEveryDaemonWith11AndDisarmsTheWatchdog() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        engines.get(0).setPoolState(PoolState.INVALID);
        for (ManagedEngine e : engines) {
            assertThat(CompletableFuture.supplyAsync(() -> awaitEnd(e)).get(60, TimeUnit.SECONDS))
                    .isEqualTo(ExitCode.INVALID_POOL_STATE);
        }
        assertThat(fencers).noneSatisfy(f -> assertThat(f.isArmed()).isTrue());
    }

    @Test
    void setExcludedEndsTheDaemonWith19AndLeavesTheWatchdogAsItWas() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        setExcludedOnceActive(engines.get(1));
        assertThat(awaitEnd(engines.get(1))).isEqualTo(ExitCode.SET_EXCLUDED);
        assertThat(fencers.get(1).isArmed()).isTrue();
        waitFor(() -> engines.get(0).liveset().hosts().get(1).excluded(), 20);
    }

    @Test
    void aPeersExcludedFlagOnDiskMakesTheOthersRepublishTheirLiveset() throws Exception {
        startAll(3, FencingAuthority.stackWatchdog("test watchdog"));
        Thread.sleep(1500); // let the start's own republishing settle
        int before = republished.get(0).get();
        setExcludedOnceActive(engines.get(1));
        // the scripts read a snapshot the daemon rewrites on change: a flag read from disk is a change, published
        // at once, not only when host 1 leaves the live set a fence window later
        waitFor(() -> engines.get(0).liveset().hosts().get(1).excluded(), 20);
        waitFor(() -> republished.get(0).get() > before, 1);
        assertThat(engines.get(0).liveset().hosts().get(1).live()).as("still held live for the window").isTrue();
    }

    /**
     * set_excluded needs pool state ACTIVE (spec §1.10), which the first liveset writes one statefile cycle after
     * the hosts went Online; xapi only sets the flag long after enabling HA.
     */
    private static void setExcludedOnceActive(ManagedEngine e) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                e.setExcluded(true);
                return;
            } catch (HaException x) {
                if (x.exitCode() != ExitCode.INVALID_POOL_STATE || System.nanoTime() > deadline) {
                    throw x;
                }
                Thread.sleep(100);
            }
        }
    }

    private static ExitCode awaitEnd(ManagedEngine e) {
        try {
            return e.awaitEnd();
        } catch (InterruptedException x) {
            throw new IllegalStateException(x);
        }
    }

    /** A bound on a wait for what must come, generous so that a busy machine does not fail it; no timing claim. */
    private static void waitFor(BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(50);
        }
    }
}
