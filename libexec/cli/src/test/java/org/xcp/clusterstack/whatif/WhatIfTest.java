package org.xcp.clusterstack.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.WatchdogMode;

/**
 * {@code simulate}'s what-if on 3-host and 2-host pools at xapi's T = 10 (t1 = t2 = 2, T1 = T2 = Wh = 10, Ws = 25):
 * who survives, who fences itself and when, when the survivors drop it, who can take the master lock.
 */
class WhatIfTest {
    private static final double T = 10;
    private static final double WS = 25;
    private static final double INTERVAL = 2;

    @Test
    void aMemberThatFailsWholeIsDroppedByTheOthersAndNobodyFences() {
        Prediction p = predict(3, 0, Fault.of(Fault.Kind.FAIL, 2));
        assertThat(p.survivors()).containsExactly(0, 1);
        assertThat(p.fenced()).as("a dead host needs no fence").isEmpty();
        assertThat(p.dropped()).singleElement().satisfies(d -> {
            assertThat(d.host()).isEqualTo(2);
            assertThat(d.atS()).as("not before its watchdogs have surely fired: max(Wh, Ws) - t")
                    .isGreaterThanOrEqualTo(WS - INTERVAL).isLessThan(3 * T + WS);
        });
        assertThat(p.master()).as("the master keeps the lock").contains(0);
        assertThat(p.candidates()).containsExactly(0);
        assertThat(p.liveset()).containsExactly(0, 1);
        assertThat(p.settledS()).contains(p.dropped().get(0).atS());
    }

    @Test
    void whenTheMasterFailsNobodyHoldsTheLockAndOneSurvivorWinsTheRace() {
        Prediction p = predict(3, 0, Fault.of(Fault.Kind.FAIL, 0));
        assertThat(p.survivors()).containsExactly(1, 2);
        assertThat(p.master()).isEmpty();
        assertThat(p.candidates()).as("either survivor proposing alone gets the lock").containsExactly(1, 2);
        assertThat(p.lockRace()).hasValueSatisfying(w -> assertThat(w).isIn(1, 2));
        assertThat(p.liveset()).containsExactly(1, 2);
    }

    @Test
    void aHungDaemonIsResetByItsWatchdogWithinWhThenDropped() {
        Prediction p = predict(3, 0, Fault.of(Fault.Kind.HANG, 2));
        assertThat(p.survivors()).containsExactly(0, 1);
        assertThat(p.fenced()).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo(2);
            assertThat(f.by()).isEqualTo("watchdog");
            assertThat(f.atS()).as("Wh after its last refresh, which came at most one interval before")
                    .isGreaterThan(T - INTERVAL - 0.5).isLessThanOrEqualTo(T);
        });
        assertThat(p.dropped()).singleElement().satisfies(d -> assertThat(d.atS()).isGreaterThan(p.fenced().get(0).atS()));
    }

    @Test
    void aTwoOneSplitFencesTheLoneHostByTheSurvivalRule() {
        Prediction p = predict(3, 0, Fault.of(Fault.Kind.ISOLATE, 2));
        assertThat(p.survivors()).containsExactly(0, 1);
        assertThat(p.fenced()).singleElement().satisfies(f -> {
            assertThat(f.host()).isEqualTo(2);
            assertThat(f.by()).isEqualTo("self-fence");
            assertThat(f.why()).startsWith("this host lost the survival rule");
        });
        assertThat(p.dropped()).singleElement().satisfies(d -> assertThat(d.atS())
                .isGreaterThanOrEqualTo(p.fenced().get(0).atS() + WS - INTERVAL));
        assertThat(p).as("cutting both of its links is the same split")
                .usingRecursiveComparison().ignoringFields("faults")
                .isEqualTo(predict(3, 0, Fault.cut(0, 2), Fault.cut(1, 2)));
    }

    @Test
    void aStatefileLostOnOneHostFencesThatHostOnly() {
        Prediction p = predict(3, 0, Fault.of(Fault.Kind.STATEFILE_LOST, 1));
        assertThat(p.survivors()).containsExactly(0, 2);
        assertThat(p.fenced()).extracting(Prediction.Fenced::host).containsExactly(1);
        assertThat(p.statefileLostS()).as("the others still reach the statefile").isEmpty();
    }

    @Test
    void aStatefileLostOnEveryHostFencesNobody() {
        Prediction p = predict(3, 0, Fault.of(Fault.Kind.STATEFILE_LOST, 0), Fault.of(Fault.Kind.STATEFILE_LOST, 1),
                Fault.of(Fault.Kind.STATEFILE_LOST, 2));
        assertThat(p.survivors()).containsExactly(0, 1, 2);
        assertThat(p.fenced()).isEmpty();
        assertThat(p.liveset()).containsExactly(0, 1, 2);
        assertThat(p.statefileLostS()).as("SR-2: every liveset says statefile_lost, within about T2")
                .hasValueSatisfying(t -> assertThat(t).isGreaterThan(0).isLessThanOrEqualTo(T + 2 * INTERVAL));
        assertThat(p.settledS()).contains(p.statefileLostS().get());
    }

    @Test
    void onTwoHostsASplitIsLostByTheHostWithTheHigherUuid() {
        Prediction p = predict(2, 0, Fault.cut(0, 1));
        assertThat(p.survivors()).containsExactly(0);
        assertThat(p.fenced()).extracting(Prediction.Fenced::host).containsExactly(1);
        assertThat(p.liveset()).containsExactly(0);
        Prediction masterOnOne = predict(2, 1, Fault.cut(0, 1));
        assertThat(masterOnOne.survivors()).as("whoever is master: the tie-break is the UUID").containsExactly(0);
    }

    @Test
    void onTwoHostsACrashAHangAndAStatefileLossLeaveTheOtherHost() {
        Prediction crash = predict(2, 0, Fault.of(Fault.Kind.FAIL, 1));
        assertThat(crash.survivors()).containsExactly(0);
        assertThat(crash.dropped()).as("a crash changes nothing else: the drop still comes before the pool settles")
                .extracting(Prediction.Dropped::host).containsExactly(1);
        assertThat(crash.settledS()).contains(crash.dropped().get(0).atS());
        Prediction hang = predict(2, 0, Fault.of(Fault.Kind.HANG, 0));
        assertThat(hang.survivors()).containsExactly(1);
        assertThat(hang.fenced()).extracting(Prediction.Fenced::by).containsExactly("watchdog");
        assertThat(hang.candidates()).containsExactly(1);
        Prediction sf = predict(2, 0, Fault.of(Fault.Kind.STATEFILE_LOST, 1));
        assertThat(sf.survivors()).containsExactly(0);
        assertThat(sf.fenced()).extracting(Prediction.Fenced::host).containsExactly(1);
        Prediction all = predict(2, 0, Fault.of(Fault.Kind.STATEFILE_LOST, 0), Fault.of(Fault.Kind.STATEFILE_LOST, 1));
        assertThat(all.survivors()).containsExactly(0, 1);
        assertThat(all.fenced()).isEmpty();
    }

    @Test
    void aHostNotLiveNowIsNotStarted() {
        PoolNow now = new PoolNow(configs(3).get(0), "xhad", HostSet.of(0, 1), Optional.of(0), "given");
        Prediction p = WhatIf.predict(now, List.of(Fault.of(Fault.Kind.FAIL, 1)));
        assertThat(p.live()).containsExactly(0, 1);
        assertThat(p.survivors()).as("host 0 alone still writes the statefile: it survives").containsExactly(0);
        assertThat(p.dropped()).extracting(Prediction.Dropped::host).containsExactly(1);
    }

    @Test
    void noFaultChangesNothingAndTheSameInputsGiveTheSameAnswer() {
        Prediction p = predict(3, 1);
        assertThat(p.survivors()).containsExactly(0, 1, 2);
        assertThat(p.fenced()).isEmpty();
        assertThat(p.dropped()).isEmpty();
        assertThat(p.master()).contains(1);
        Prediction again = predict(3, 0, Fault.of(Fault.Kind.ISOLATE, 1));
        assertThat(again).isEqualTo(predict(3, 0, Fault.of(Fault.Kind.ISOLATE, 1)));
    }

    @Test
    void aHostBeyondThePoolIsRefused() {
        assertThatThrownBy(() -> predict(2, 0, Fault.of(Fault.Kind.HANG, 2)))
                .hasMessageContaining("host 2 is not one of the pool's 2");
    }

    private static Prediction predict(int hosts, int master, Fault... faults) {
        PoolNow now = new PoolNow(configs(hosts).get(0), "xhad", HostSet.firstN(hosts), Optional.of(master), "given");
        return WhatIf.predict(now, List.of(faults));
    }

    static List<DaemonConfig> configs(int hosts) {
        DaemonConfigBuilder b = DaemonConfig.builder().generation(HaUuid.parse("5a1e0c3d-2b4f-4e6a-9c8d-7f6e5d4c3b2a"))
                .haTimeout(10).heartbeatInterface("lo").stateFile(Path.of("/nonexistent/statefile"))
                .watchdogMode(WatchdogMode.NONE);
        for (int i = 0; i < hosts; i++) {
            b.host(HaUuid.parse(String.format("%08x-0000-4000-8000-%012x", 0x10 * (i + 1), i + 1)), "127.0.0." + (11 + i));
        }
        return b.buildForEachHost();
    }
}
