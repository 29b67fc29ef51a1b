package org.xcp.clusterstack.daemon.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code status} says of locked memory comes from {@code /proc/self/status}. */
class MemoryLockTest {
    static final String STATUS = "Name:\tjava\nVmPeak:\t 2826412 kB\nVmLck:\t   62464 kB\nVmPin:\t       0 kB\n"
            + "VmRSS:\t   63544 kB\nThreads:\t21\n";

    @Test
    void aVmLineIsReadInKib() {
        assertThat(MemoryLock.kib(STATUS, "VmLck")).contains(62464L);
        assertThat(MemoryLock.kib(STATUS, "VmRSS")).contains(63544L);
        assertThat(MemoryLock.kib(STATUS, "VmSwap")).isEqualTo(Optional.empty());
    }
}
