package org.example.filehb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.StackSettings;

class HeartbeatSettingsTest {
    static final Path FILE = Path.of("/etc/xensource/cluster-stack/filehb.conf");

    static DaemonConfig pool(int haTimeout) throws Exception {
        HaUuid host = HaUuid.parse("00000001-0000-4000-8000-0000000000a1");
        return DaemonConfig.builder().generation(HaUuid.parse("00000009-0000-4000-8000-000000000009"))
                .haTimeout(haTimeout).heartbeatInterface("lo").stateFile(Path.of("/dev/null"))
                .host(host, "127.0.0.1").buildForEachHost().get(0);
    }

    static HeartbeatSettings read(String text) throws Exception {
        return HeartbeatSettings.from(StackSettings.parse(FILE, text), pool(30));
    }

    @Test
    void theTimeoutIsThePoolsHeartbeatTimeoutUnlessSet() throws Exception {
        assertThat(read("filehb.directory = /srv/hb\n")).isEqualTo(new HeartbeatSettings(Path.of("/srv/hb"),
                Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(read("filehb.directory = /srv/hb\nfilehb.interval_ms = 500\nfilehb.timeout_ms = 4000\n"))
                .isEqualTo(new HeartbeatSettings(Path.of("/srv/hb"), Duration.ofMillis(500), Duration.ofSeconds(4)));
    }

    @Test
    void badSettingsAreExit7NamingTheFileTheLineAndTheKey() {
        assertThatThrownBy(() -> read("filehb.interval_ms = 500\n")).isInstanceOf(HaException.class)
                .hasMessage(FILE + ": filehb.directory: required: the heartbeat directory every host of the pool"
                        + " mounts");
        assertThatThrownBy(() -> read("filehb.directory = hb\n"))
                .hasMessage(FILE + ":1: filehb.directory: must be an absolute path, got 'hb'");
        assertThatThrownBy(() -> read("filehb.directory = /srv/hb\nfilehb.timeout_ms = 1500\n"))
                .hasMessage(FILE + ":2: filehb.timeout_ms: the timeout (1500 ms) must be at least twice the interval"
                        + " (1000 ms): a peer would be lost between two of its own heartbeats");
        assertThatThrownBy(() -> read("filehb.directory = /srv/hb\nfilehb.dir = /x\n"))
                .hasMessageStartingWith(FILE + ":2: filehb.dir: unknown setting");
        assertThatThrownBy(() -> read("filehb.directory = /srv/hb\n"
                + "filehb.interval_ms = 0\n")).satisfies(e -> assertThat(((HaException) e).exitCode())
                        .isEqualTo(ExitCode.INVALID_CONFIG_FILE));
    }
}
