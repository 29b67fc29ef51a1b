package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;

/** WatchdogMode HYPERVISOR's behaviour against a fake device (a real one would reset this machine). */
class DevWatchdogFencerTest {
    private final FakeWatchdog device = new FakeWatchdog();
    private final RecordingLog log = new RecordingLog();
    private final DevWatchdogFencer fencer = new DevWatchdogFencer(device, log, log::halt);

    @Test
    void startSetsTheTimeoutToWhAndPetsAtOnce() {
        fencer.start(Path.of("/dev/fake"), Duration.ofSeconds(60));

        assertThat(device.calls).containsExactly("timeout 60", "keepalive");
        assertThat(fencer.isArmed()).isFalse();
    }

    @Test
    void aTimeoutTheDriverRefusesStopsTheCountdownAndIsExit4() {
        device.failing = "timeout";

        assertThatThrownBy(() -> fencer.start(Path.of("/dev/fake"), Duration.ofSeconds(60)))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WATCHDOG_ERROR))
                .hasMessageContaining("/dev/fake").hasMessageContaining("ENOTTY");
        assertThat(device.calls).containsExactly("timeout 60", "magic-close");
    }

    @Test
    void petsGoToTheDeviceBeforeAndAfterArming() {
        fencer.pet();
        fencer.arm();
        fencer.pet();

        assertThat(device.calls).containsExactly("keepalive", "keepalive");
        assertThat(fencer.isArmed()).isTrue();
    }

    @Test
    void fenceNowWhileArmedSetsOneSecondHaltsAndNeverPetsAgain() {
        fencer.arm();

        fencer.fenceNow("lost the survival rule");
        fencer.pet();

        assertThat(device.calls).containsExactly("timeout 1");
        assertThat(log.halts).containsExactly(DevWatchdogFencer.FENCED_STATUS);
        assertThat(log.all()).contains("SELF-FENCE: lost the survival rule");
    }

    @Test
    void fenceNowStillHaltsWhenTheDeviceRefusesTheShortTimeout() {
        fencer.arm();
        device.failing = "timeout";

        fencer.fenceNow("fence_request");

        assertThat(log.halts).containsExactly(DevWatchdogFencer.FENCED_STATUS);
        assertThat(log.all()).contains("fires after its own timeout");
    }

    @Test
    void disarmIsAMagicCloseAndMakesFenceNowANoOp() {
        fencer.arm();
        fencer.disarm();
        fencer.fenceNow("lost");
        fencer.pet();
        fencer.arm();

        assertThat(device.calls).containsExactly("magic-close");
        assertThat(log.halts).isEmpty();
        assertThat(fencer.isArmed()).isFalse();
        assertThat(log.all()).contains("self-fence not done, fencing is disarmed: lost");
    }

    @Test
    void fenceNowBeforeArmingIsANoOp() {
        fencer.fenceNow("lost");

        assertThat(device.calls).isEmpty();
        assertThat(log.halts).isEmpty();
    }

    @Test
    void closingAnArmedFencerLeavesTheCountdownRunning() {
        fencer.arm();
        fencer.close();
        fencer.close();

        assertThat(device.calls).containsExactly("close");
        assertThat(fencer.isArmed()).isTrue();
    }

    @Test
    void closingAFencerNeverArmedStopsTheCountdown() {
        fencer.close();

        assertThat(device.calls).containsExactly("magic-close");
    }

    @Test
    void aMissingDeviceIsExit4AndIsNeverCreated(@TempDir Path dir) {
        Path missing = dir.resolve("watchdog");

        assertThatThrownBy(() -> DevWatchdogFencer.open(missing, Duration.ofSeconds(60), log))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WATCHDOG_ERROR))
                .hasMessageStartingWith("cannot use the watchdog " + missing)
                .hasMessageNotContaining("\n");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aPlainFileIsNotAWatchdog(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("watchdog"));

        assertThatThrownBy(() -> DevWatchdogFencer.open(file, Duration.ofSeconds(60), log))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WATCHDOG_ERROR))
                .hasMessageContaining("not a device");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void aCharacterDeviceThatIsNoWatchdogIsExit4NamingEnotty() {
        // /dev/null opens, but the timeout ioctl fails with ENOTTY: the start stops and writes the magic 'V'
        assertThatThrownBy(() -> DevWatchdogFencer.open(Path.of("/dev/null"), Duration.ofSeconds(60), log))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.WATCHDOG_ERROR))
                .hasMessage("cannot use the watchdog /dev/null (WatchdogMode HYPERVISOR): WDIOC_SETTIMEOUT on /dev/null:"
                        + " ENOTTY (Inappropriate ioctl for device) (not a watchdog)");
    }
}
