package org.xcp.clusterstack.poolstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.spi.StackSettings;

class StorageTimeoutsTest {
    @TempDir
    Path dir;

    private static final StackSettings NONE = StackSettings.none(Path.of("/etc/xensource/cluster-stack/xhad.conf"));

    @Test
    void noPathRetryTimesThePollingInterval() throws IOException {
        Path conf = Files.writeString(dir.resolve("multipath.conf"), """
                defaults {
                    polling_interval 10   # seconds
                    no_path_retry 3
                }
                devices {
                    device {
                        vendor "X"
                        no_path_retry 12
                    }
                }
                """);
        StorageTimeout t = StorageTimeouts.read(NONE, conf).orElseThrow();
        assertThat(t.timeout()).contains(Duration.ofSeconds(120));
        assertThat(t.source()).contains("no_path_retry 12 x polling_interval 10 s");
        assertThat(t.exceeds(Duration.ofSeconds(30))).isTrue();
        assertThat(t.exceeds(Duration.ofSeconds(120))).isFalse();
    }

    @Test
    void queueingIsUnboundedAndFailIsImmediate() {
        assertThat(StorageTimeouts.multipath("defaults {\n no_path_retry queue\n}\n", "f").orElseThrow().unbounded())
                .isTrue();
        assertThat(StorageTimeouts.multipath("devices { device {\n features \"1 queue_if_no_path\"\n} }\n", "f")
                .orElseThrow().exceeds(Duration.ofHours(1))).isTrue();
        assertThat(StorageTimeouts.multipath("defaults {\n no_path_retry fail\n}\n", "f").orElseThrow().timeout())
                .contains(Duration.ZERO);
        assertThat(StorageTimeouts.multipath("# no_path_retry 99\ndefaults {\n}\n", "f")).isEmpty();
    }

    @Test
    void theStacksSettingWinsAndNoFileMeansNothingKnown() {
        StackSettings set = StackSettings.of(Path.of("xhad.conf"), Map.of(StackSettings.STORAGE_IO_TIMEOUT, "45000"));
        assertThat(StorageTimeouts.read(set, dir.resolve("absent")).orElseThrow().timeout())
                .contains(Duration.ofSeconds(45));
        assertThat(StorageTimeouts.read(NONE, dir.resolve("absent"))).isEmpty();
    }
}
