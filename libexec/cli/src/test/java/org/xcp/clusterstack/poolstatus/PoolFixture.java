package org.xcp.clusterstack.poolstatus;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.HostSectionBuilder;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.StatefileImage;

/**
 * A pool's evidence as a test states it: {@code n} hosts (T1 = T2 = 30 s, join timeouts 90 s), this host
 * {@code me}, every host Online and writing, the pool ACTIVE; each test changes what it is about.
 */
public final class PoolFixture {
    public static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    static final HaUuid GENERATION = HaUuid.parse("7a1e6f00-2b3c-4d5e-8f90-0a1b2c3d4e5f");

    final int n;
    final int me;
    final DaemonConfig config;
    final HostSectionBuilder[] sections;
    GlobalSection global;
    LocalDaemonReading local = new LocalDaemonReading("Online", OptionalLong.of(4242), "armed",
            Optional.of(NOW.minusSeconds(600)));
    Optional<StorageTimeout> storage = Optional.empty();
    List<FencerFinding> fencers = new ArrayList<>();
    StackRule rule = new StatefileRule();

    private PoolFixture(int n, int me) {
        this.n = n;
        this.me = me;
        DaemonConfigBuilder b = DaemonConfig.builder().generation(GENERATION).heartbeatInterface("lo")
                .stateFile(Path.of("/nonexistent/statefile")).parameter(Parameter.HEARTBEAT_TIMEOUT, 30)
                .parameter(Parameter.STATEFILE_TIMEOUT, 30);
        for (int i = 0; i < n; i++) {
            b.host(uuid(i), "127.0.1." + (i + 1));
        }
        config = b.build(uuid(me));
        sections = new HostSectionBuilder[n];
        HostSet all = HostSet.firstN(n);
        for (int i = 0; i < n; i++) {
            HostSectionBuilder s = HostSection.builder().sequence(7).hostIndex(i).hostUuid(uuid(i))
                    .currentLiveset(all).hbdomain(all).sfdomain(all).lockGrant(HostSet.EMPTY).weight(1);
            for (int j = 0; j < n; j++) {
                s.sinceLastHbReceipt(j, 1_000).sinceLastSfUpdate(j, 3_000);
            }
            sections[i] = s;
        }
        global = GlobalSection.initial(GENERATION, n).withPoolState(PoolState.ACTIVE);
    }

    /** {@code n} healthy hosts seen from host {@code me}. */
    public static PoolFixture of(int n, int me) {
        return new PoolFixture(n, me);
    }

    public static HaUuid uuid(int i) {
        return HaUuid.parse(String.format("%08x-1111-4222-8333-%012x", 0x10000000 + i, i));
    }

    public PoolFixture section(int i, UnaryOperator<HostSectionBuilder> change) {
        sections[i] = change.apply(sections[i]);
        return this;
    }

    /** Host {@code i} stopped: the others drop it from their liveset and stop seeing its section change. */
    public PoolFixture stopped(int i) {
        for (int j = 0; j < n; j++) {
            if (j != i) {
                HostSet without = HostSet.firstN(n).filter(k -> k != i);
                sections[j].currentLiveset(without).sinceLastSfUpdate(i, 120_000).sinceLastHbReceipt(i, 120_000);
            }
        }
        if (i == me) {
            local = LocalDaemonReading.absent();
        }
        return this;
    }

    /** Host {@code i} holds the master lock: it asks, every host grants it, its name is in the master field. */
    public PoolFixture master(int i) {
        sections[i].lockRequest(true);
        for (int j = 0; j < n; j++) {
            sections[j].lockGrant(HostSet.of(i));
        }
        global = global.withMaster(Optional.of(uuid(i)));
        return this;
    }

    public PoolFixture local(LocalDaemonReading reading) {
        local = reading;
        return this;
    }

    public PoolFixture poolState(PoolState state) {
        global = global.withPoolState(state);
        return this;
    }

    public PoolFixture storage(Duration timeout) {
        storage = Optional.of(StorageTimeout.of(timeout, "test"));
        return this;
    }

    public PoolFixture fencer(String what, String evidence) {
        fencers.add(new FencerFinding(what, evidence));
        return this;
    }

    public PoolFixture rule(StackRule r) {
        rule = r;
        return this;
    }

    public PoolEvidence evidence() {
        List<HostSection> all = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            all.add(i < n ? sections[i].build() : HostSection.blank());
        }
        return new PoolEvidence(config, "xhad", "self", new StatefileImage(global.resealed(), all), local, storage,
                fencers, rule, NOW);
    }

    public PoolPicture picture() {
        return PoolPictures.of(evidence());
    }
}
