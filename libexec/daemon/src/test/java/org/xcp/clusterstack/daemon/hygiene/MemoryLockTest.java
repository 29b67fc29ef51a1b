package org.xcp.clusterstack.daemon.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@code status} says of locked memory: the resident part of the locked mappings, from smaps. */
class MemoryLockTest {
    /** Three mappings of a locked daemon: a touched heap, a reservation never touched, and one left unlocked. */
    static final String SMAPS = """
            fe000000-fe560000 rw-p 00000000 00:00 0
            Size:               5504 kB
            Rss:                5504 kB
            Locked:             5504 kB
            VmFlags: rd wr mr mw me ac lo sd
            7f0040000000-7f0080000000 ---p 00000000 00:00 0
            Size:            1048576 kB
            Rss:                   0 kB
            Locked:                0 kB
            VmFlags: mr mw me nr lo sd
            7f0066251000-7f0066fa4000 r-xp 00251000 fe:00 328261     /usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so
            Size:              13644 kB
            Rss:                4184 kB
            Locked:                0 kB
            VmFlags: rd ex mr mw me sd
            """;

    @Test
    void lockedMemoryIsTheResidentPartOfTheLockedMappingsNotTheirSize() {
        assertThat(MemoryLock.lockedResidentKib(SMAPS)).isEqualTo(5504);
    }

    @Test
    void aKibLineIsReadAsANumber() {
        assertThat(MemoryLock.kib("VmRSS:\t   63544 kB")).contains(63544L);
        assertThat(MemoryLock.kib("VmRSS: unknown")).isEmpty();
    }
}
