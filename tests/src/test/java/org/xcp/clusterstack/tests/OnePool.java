package org.xcp.clusterstack.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.WatchdogMode;

/** An xhad.conf for a pool on this machine, with a real 266,240-byte statefile file beside it. */
final class OnePool {
    static final String GENERATION = "5f1c2e3a-7b84-4d6f-9a0b-1c2d3e4f5a60";
    static final String HOST = "6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01";
    static final String PEER = "0d4e2a77-58c1-4b0f-a9d3-7e5f6c2b1a02";

    private OnePool() {
    }

    /** A one-host pool (T = 10) whose host is {@link #HOST}, fenced by the user watchdog. */
    static Path config(Path dir) {
        return config(dir, pool(dir));
    }

    /**
     * The one-host pool of {@link #config(Path)}, for a test to change before {@link #config(Path,
     * DaemonConfigBuilder)} writes it (e.g. add {@link #PEER}, a peer that never comes, to keep a start Starting).
     */
    static DaemonConfigBuilder pool(Path dir) {
        return DaemonConfig.builder().generation(HaUuid.parse(GENERATION)).host(HaUuid.parse(HOST), "127.0.0.11")
                .haTimeout(10).heartbeatInterface("lo").stateFile(dir.resolve("statefile"))
                .watchdogMode(WatchdogMode.USER);
    }

    /** Writes {@link #HOST}'s config of {@code pool} to {@code dir/xhad.conf}, and a blank statefile. */
    static Path config(Path dir, DaemonConfigBuilder pool) {
        Fixtures.write(dir.resolve("statefile"), new byte[266_240]);
        try {
            return DaemonConfigWriter.write(pool.build(HaUuid.parse(HOST)), dir.resolve("xhad.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds {@link #PEER} on 127.0.0.12. */
    static DaemonConfigBuilder withPeer(DaemonConfigBuilder pool) {
        return pool.host(HaUuid.parse(PEER), "127.0.0.12");
    }
}
