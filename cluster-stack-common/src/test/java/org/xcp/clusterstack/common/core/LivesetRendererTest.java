package org.xcp.clusterstack.common.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * Spec §4.1 for every engine kind: the raw latencies are measured, every published document starts their max and
 * min again, the approaching-timeout warnings follow them and the live hosts' silences, and {@code master} is the
 * statefile's field whatever the host's liveness.
 */
class LivesetRendererTest {
    private static final HaUuid GENERATION = HaUuid.parse("a55e901b-fd4c-4037-abbf-c0dd3960dc4a");
    private final List<HaUuid> ids = List.of(HaUuid.parse("00000001-1111-4222-8333-000000000000"),
            HaUuid.parse("00000002-1111-4222-8333-000000000001"), HaUuid.parse("00000003-1111-4222-8333-000000000002"));
    private final DaemonConfig config;
    private final LivesetRenderer renderer;
    private final LatencyMeter statefile = new LatencyMeter();
    private final LatencyMeter heartbeat = new LatencyMeter();
    private final LatencyMeter xapiCheck = new LatencyMeter();
    private final long[] restartingSince = {-1, -1, -1};
    private final String[] xapiErrors = {"", "", ""};
    private long checkStartedAt = -1;

    LivesetRendererTest() {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(GENERATION).heartbeatInterface("lo")
                .stateFile(Path.of("/tmp/none")).parameter(Parameter.HEARTBEAT_TIMEOUT, 10)
                .parameter(Parameter.STATEFILE_TIMEOUT, 10);
        for (int i = 0; i < 3; i++) {
            b.host(ids.get(i), "127.0.0." + (i + 1));
        }
        config = b.build(ids.get(0));
        renderer = new LivesetRenderer(config);
    }

    private EngineView view(HostSet live, Optional<HaUuid> master, long heardAgoNanos) {
        long now = System.nanoTime();
        GlobalSection g = GlobalSection.initial(GENERATION, 3).withPoolState(PoolState.ACTIVE).withMaster(master);
        long[] heard = {now, now - heardAgoNanos, now - heardAgoNanos};
        long[] updates = {now, now, now};
        return new EngineView(HostState.ONLINE, true, live, live, live, true, false, false, HostSet.EMPTY,
                Optional.of(g), Collections.nCopies(3, Optional.<HostSection>empty()), updates, heard, statefile,
                heartbeat, new XapiView(xapiCheck, checkStartedAt, restartingSince.clone(), xapiErrors.clone(),
                new XapiCheckState(Optional.empty(), -1, 10_000, 0, 0, 1, -1, "")));
    }

    private Liveset render(EngineView v) {
        return LivesetReader.read(LivesetWriter.write(renderer.render(v)));
    }

    @Test
    void latenciesAreTheMeasuredOnesAndEachPublishedDocumentStartsMaxAndMinAgain() {
        EngineView v = view(HostSet.of(0, 1, 2), Optional.empty(), 0);
        assertThat(render(v).rawStatus().orElseThrow().heartbeat().last()).as("no sample yet").isEqualTo(-1);
        heartbeat.add(2001);
        heartbeat.add(2400);
        heartbeat.add(1999);
        statefile.add(3);
        statefile.add(40);
        statefile.add(5);
        Liveset first = render(v);
        assertThat(first.rawStatus().orElseThrow().heartbeat()).extracting("last", "max", "min")
                .containsExactly(1999L, 2400L, 1999L);
        assertThat(first.rawStatus().orElseThrow().statefile()).extracting("last", "max", "min")
                .containsExactly(5L, 40L, 3L);
        statefile.restart();
        heartbeat.restart();
        statefile.add(7);
        Liveset second = render(v);
        assertThat(second.rawStatus().orElseThrow().statefile()).extracting("last", "max", "min")
                .containsExactly(7L, 7L, 5L);
        assertThat(second.rawStatus().orElseThrow().heartbeat()).extracting("last", "max", "min")
                .containsExactly(1999L, 1999L, 1999L);
    }

    @Test
    void heartbeatApproachingTimeoutFollowsTheLatencyAndTheLiveHostsSilence() {
        heartbeat.add(2000);
        assertThat(render(view(HostSet.of(0, 1, 2), Optional.empty(), 1_000_000_000L)).warnings().orElseThrow()
                .heartbeatApproachingTimeout()).isFalse();
        assertThat(render(view(HostSet.of(0, 1, 2), Optional.empty(), 6_000_000_000L)).warnings().orElseThrow()
                .heartbeatApproachingTimeout()).as("a live host silent for more than T1/2").isTrue();
        assertThat(render(view(HostSet.of(0), Optional.empty(), 6_000_000_000L)).warnings().orElseThrow()
                .heartbeatApproachingTimeout()).as("silent hosts that are not live do not count").isFalse();
        heartbeat.add(5001);
        assertThat(render(view(HostSet.of(0), Optional.empty(), 0)).warnings().orElseThrow()
                .heartbeatApproachingTimeout()).as("an interval over T1/2").isTrue();
    }

    @Test
    void aDeadMasterIsStillShownMasterUntilAnotherIsWritten() {
        Liveset l = render(view(HostSet.of(0, 1), Optional.of(ids.get(2)), 0));
        assertThat(l.hosts().get(2).live()).isFalse();
        assertThat(l.hosts().get(2).master()).isTrue();
        assertThat(l.hosts().get(0).master()).isFalse();
    }

    @Test
    void xapisHealthIsTheWatchsOwnAndThePeersAsPublished() {
        // TXapi is 10 s by default: a check past 5 s warns
        long now = System.nanoTime();
        xapiCheck.add(120);
        xapiCheck.add(6100);
        restartingSince[0] = now - 3_000_000_000L;
        xapiErrors[0] = "xapi: no answer";
        restartingSince[1] = now - 1_000_000_000L;
        xapiErrors[1] = "peer error";
        restartingSince[2] = now - 1_000_000_000L; // not live: not shown
        Liveset l = render(view(HostSet.of(0, 1), Optional.empty(), 0));
        var raw = l.rawStatus().orElseThrow();
        assertThat(raw.xapiHealthcheck().last()).isEqualTo(6100);
        assertThat(raw.xapiHealthcheck().max()).isEqualTo(6100);
        assertThat(raw.xapiHealthcheck().min()).isEqualTo(120);
        assertThat(l.warnings().orElseThrow().xapiHealthcheckApproachingTimeout()).isTrue();
        assertThat(raw.hosts().get(0).msSinceXapiRestartFirstAttempted()).isBetween(3000L, 4000L);
        assertThat(raw.hosts().get(0).xapiErrorString()).isEqualTo("xapi: no answer");
        assertThat(raw.hosts().get(1).msSinceXapiRestartFirstAttempted()).isBetween(1000L, 2000L);
        assertThat(raw.hosts().get(1).xapiErrorString()).isEqualTo("peer error");
        assertThat(raw.hosts().get(2).msSinceXapiRestartFirstAttempted()).isEqualTo(-1);
        xapiCheck.restart();
        xapiCheck.add(100);
        xapiCheck.restart();
        assertThat(render(view(HostSet.of(0, 1), Optional.empty(), 0)).warnings().orElseThrow()
                .xapiHealthcheckApproachingTimeout()).as("the window started again").isFalse();
        checkStartedAt = System.nanoTime() - 5_000_000_000L;
        assertThat(render(view(HostSet.of(0, 1), Optional.empty(), 0)).warnings().orElseThrow()
                .xapiHealthcheckApproachingTimeout()).as("a check in flight for T3/2").isTrue();
    }
}
