package org.xcp.clusterstack.common.statefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.config.LocalHostConfig;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.StatefileLayout;
import org.xcp.clusterstack.common.core.Action;

/** The statefile fault points on a real file (direct I/O, as on an SR): they take effect and switch off. */
class StatefileIoFaultTest {
    private static final HaUuid GENERATION = HaUuid.parse("3c1e5b7a-90d2-4f3e-8a61-2b4c6d8e0f12");
    private static final int STATEFILE_INTERVAL_SECONDS = 1;

    @TempDir
    Path dir;

    private Path file;
    private DaemonConfig config;

    @BeforeEach
    void activePoolOfTwo() throws Exception {
        file = Files.write(dir.resolve("statefile"), new byte[StatefileLayout.SIZE]);
        List<ConfiguredHost> hosts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hosts.add(new ConfiguredHost(HaUuid.parse(String.format("%02x", 0x10 + i) + "9e1c3b7d2f4e5a8b6c0d1e2f3a4b5c"),
                    i, InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (i + 1)})));
        }
        config = new DaemonConfig(GENERATION, 49_152, hosts,
                new DaemonParameters(Map.of(Parameter.STATEFILE_INTERVAL, STATEFILE_INTERVAL_SECONDS)),
                new LocalHostConfig(hosts.get(0).id(), "lo", Optional.empty(), file, WatchdogMode.NONE));
        try (StatefileDevice device = StatefileDevice.open(file)) {
            device.format(GENERATION, 2);
            device.writeGlobal(device.readGlobal().withPoolState(PoolState.ACTIVE));
        }
    }

    @Test
    void sfIoerrorFailsEveryAttemptOfACycleUntilDisabled() throws Exception {
        FaultPoints faults = FaultPoints.none();
        try (StatefileIo io = StatefileIo.open(config, faults)) {
            faults.enable("sf.ioerror");

            StatefileIo.CycleResult failed = io.cycle(cycle(io, 7));

            assertThat(failed.ownWritten()).isFalse();
            assertThat(failed.global()).isEmpty();
            assertThat(failed.hosts()).isEmpty();
            assertThat(onDisk().sequence()).isNotEqualTo(7);

            faults.disable("sf.ioerror");
            StatefileIo.CycleResult ok = io.cycle(cycle(io, 8));

            assertThat(ok.ownWritten()).isTrue();
            assertThat(ok.global()).isPresent();
            assertThat(ok.hosts()).hasSize(2);
            assertThat(onDisk().sequence()).isEqualTo(8);
        }
    }

    @Test
    void sfIoerrorOnceFailsOnlyTheFirstAttempt() {
        FaultPoints faults = FaultPoints.none();
        try (StatefileIo io = StatefileIo.open(config, faults)) {
            faults.enable("sf.ioerror.once");
            StatefileIo.CycleResult first = io.cycle(cycle(io, 7));
            StatefileIo.CycleResult second = io.cycle(cycle(io, 8));

            assertThat(first.ownWritten()).as("the own write failed").isFalse();
            assertThat(first.global()).as("the reads after it did not").isPresent();
            assertThat(second.ownWritten()).isTrue();
        }
    }

    @Test
    void sfIoerrorOnceAtStartCostsOneOfTheThreeReads() {
        FaultPoints faults = FaultPoints.of(List.of("sf.ioerror.once"));
        try (StatefileIo io = StatefileIo.open(config, faults)) {
            assertThat(faults.enabledNames()).isEmpty();
            assertThat(io.cycle(cycle(io, 7)).ownWritten()).isTrue();
        }
    }

    @Test
    void sfIoerrorAtStartIsExit8AfterThreeReads() {
        assertThatThrownBy(() -> StatefileIo.open(config, FaultPoints.of(List.of("sf.ioerror"))))
                .isInstanceOfSatisfying(HaException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.CAN_NOT_ACCESS_STATEFILE))
                .hasMessage("statefile " + file + ": reading the global section failed (fault point sf.ioerror)");
    }

    @Test
    void sfSlowDelaysACycleByStateFileIntervalUntilDisabled() {
        FaultPoints faults = FaultPoints.of(List.of("sf.slow"));
        try (StatefileIo io = StatefileIo.open(config, faults)) {
            StatefileIo.CycleResult slow = io.cycle(cycle(io, 7));
            faults.disable("sf.slow");
            StatefileIo.CycleResult fast = io.cycle(cycle(io, 8));

            assertThat(Duration.ofNanos(slow.ioNanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(STATEFILE_INTERVAL_SECONDS));
            assertThat(slow.ownWritten()).isTrue();
            assertThat(Duration.ofNanos(fast.ioNanos())).isLessThan(Duration.ofSeconds(STATEFILE_INTERVAL_SECONDS));
        }
    }

    private Action.StatefileCycle cycle(StatefileIo io, int sequence) {
        HostSection own = onDisk().toBuilder().sequence(sequence).hostIndex(0)
                .hostUuid(config.local().hostId()).build();
        return new Action.StatefileCycle(own, Action.GlobalChange.NONE);
    }

    private HostSection onDisk() {
        try (StatefileDevice device = StatefileDevice.openReadOnly(file)) {
            return device.readHost(0);
        }
    }
}
