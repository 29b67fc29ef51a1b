package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** WatchdogMode NONE: nothing resets the host, but a self-fence while armed still ends the daemon. */
class NoFencerTest {
    private final RecordingLog log = new RecordingLog();
    private final NoFencer fencer = new NoFencer(log, log::halt);

    @Test
    void saysAtOnceThatTheHostIsNotFenced() {
        assertThat(log.all()).contains("WatchdogMode NONE: this host will NOT be fenced");
    }

    @Test
    void fenceNowWhileArmedSaysSoAndEndsTheDaemon() {
        fencer.arm();

        fencer.fenceNow("lost the survival rule");

        assertThat(log.all()).contains("WatchdogMode NONE: would self-fence now: lost the survival rule;"
                + " this host is NOT fenced");
        assertThat(log.halts).containsExactly(DevWatchdogFencer.FENCED_STATUS);
    }

    @Test
    void disarmMakesFenceNowANoOp() {
        fencer.arm();
        fencer.disarm();

        fencer.fenceNow("lost");

        assertThat(log.halts).isEmpty();
        assertThat(log.all()).contains("self-fence not done, fencing is disarmed: lost");
    }
}
