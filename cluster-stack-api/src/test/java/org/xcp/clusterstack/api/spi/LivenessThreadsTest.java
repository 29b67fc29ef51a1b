package org.xcp.clusterstack.api.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The liveness threads are found by the names Linux keeps, and only they are. */
class LivenessThreadsTest {
    @Test
    void everyNameFitsInWhatLinuxKeepsOfAThreadsName() {
        for (String name : List.of(LivenessThreads.ENGINE_DRIVER, LivenessThreads.STATEFILE, LivenessThreads.MEMBERSHIP,
                LivenessThreads.HEARTBEAT_RECEIVE + 63, LivenessThreads.JVM_SAFEPOINTS)) {
            assertThat(name.length()).as(name).isLessThanOrEqualTo(LivenessThreads.COMM_LENGTH);
            assertThat(LivenessThreads.named(name)).as(name).isTrue();
        }
    }

    @Test
    void theThreadsThatServeScriptsAndTheJvmsOthersAreNotLivenessThreads() {
        for (String name : List.of("control-socket", "control-quick-1", "control-wait-2", "liveset-refresh", "stop",
                "sigterm", "process-hygiene", "main", "java", "C1 CompilerThre", "heartbeat-rx-", "heartbeat-rx-x",
                "statefile-2")) {
            assertThat(LivenessThreads.named(name)).as(name).isFalse();
        }
    }
}
