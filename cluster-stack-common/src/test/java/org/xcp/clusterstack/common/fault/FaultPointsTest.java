package org.xcp.clusterstack.common.fault;

import org.xcp.clusterstack.api.fault.FaultPoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

class FaultPointsTest {
    @Test
    void nothingFiresInAnEmptyRegistry() {
        FaultPoints faults = FaultPoints.none();

        for (FaultPoint point : FaultPoint.values()) {
            assertThat(faults.fires(point)).isFalse();
        }
        assertThat(faults.enabledNames()).isEmpty();
    }

    @Test
    void theCatalogueHasXhadsNames() {
        assertThat(List.of(FaultPoint.values())).extracting(FaultPoint::label)
                .containsExactly("hb.send.lostpacket", "hb.receive.lostpacket", "sf.ioerror", "sf.slow");
    }

    @Test
    void aOncePointFiresOnceThenIsOff() {
        FaultPoints faults = FaultPoints.of(List.of("sf.ioerror.once"));

        assertThat(faults.enabledNames()).containsExactly("sf.ioerror.once");
        assertThat(faults.fires(FaultPoint.SF_IOERROR)).isTrue();
        assertThat(faults.fires(FaultPoint.SF_IOERROR)).isFalse();
        assertThat(faults.enabledNames()).isEmpty();
    }

    @Test
    void aStickyPointFiresUntilDisabled() {
        FaultPoints faults = FaultPoints.none();
        assertThat(faults.enable("hb.send.lostpacket")).isEqualTo(FaultPoint.HB_SEND_LOSTPACKET);

        assertThat(IntStream.range(0, 100).allMatch(i -> faults.fires(FaultPoint.HB_SEND_LOSTPACKET))).isTrue();
        assertThat(faults.fires(FaultPoint.HB_RECEIVE_LOSTPACKET)).isFalse();
        assertThat(faults.enabledNames()).containsExactly("hb.send.lostpacket.sticky");

        faults.disable("hb.send.lostpacket.once"); // any suffix names the point
        assertThat(faults.fires(FaultPoint.HB_SEND_LOSTPACKET)).isFalse();
    }

    @Test
    void theExplicitStickySuffixIsTheDefault() {
        FaultPoints faults = FaultPoints.of(List.of("sf.slow.sticky", "hb.receive.lostpacket"));

        assertThat(faults.enabledNames()).containsExactly("hb.receive.lostpacket.sticky", "sf.slow.sticky");
        assertThat(faults.fires(FaultPoint.SF_SLOW)).isTrue();
        assertThat(faults.fires(FaultPoint.SF_SLOW)).isTrue();
    }

    @Test
    void enablingAgainChangesTheMode() {
        FaultPoints faults = FaultPoints.of(List.of("sf.slow"));
        faults.enable("sf.slow.once");

        assertThat(faults.enabledNames()).containsExactly("sf.slow.once");
    }

    @Test
    void unknownNamesAreExit1ListingTheKnownOnes() {
        for (String bad : List.of("hb.send", "sf.ioerror.twice", "SF.IOERROR", "", ".once", "sf.ioerror.once.once")) {
            assertThatThrownBy(() -> FaultPoints.of(List.of(bad)))
                    .isInstanceOfSatisfying(HaException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_PARAMETER))
                    .hasMessage("unknown fault point \"" + bad + "\"; known: hb.send.lostpacket, hb.receive.lostpacket,"
                            + " sf.ioerror, sf.slow (each may end in .once or .sticky)");
        }
        FaultPoints faults = FaultPoints.none();
        assertThatThrownBy(() -> faults.disable("nope")).isInstanceOf(HaException.class);
        assertThat(faults.enabledNames()).isEmpty();
    }

    @Test
    void aOncePointFiresForExactlyOneOfManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                FaultPoints faults = FaultPoints.of(List.of("hb.receive.lostpacket.once"));
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> fired = IntStream.range(0, 8).mapToObj(i -> pool.submit(() -> {
                    go.await();
                    return faults.fires(FaultPoint.HB_RECEIVE_LOSTPACKET);
                })).toList();
                go.countDown();
                long count = 0;
                for (Future<Boolean> f : fired) {
                    count += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(count).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
