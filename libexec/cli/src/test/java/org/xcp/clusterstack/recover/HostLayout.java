package org.xcp.clusterstack.recover;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonConfigBuilder;
import org.xcp.clusterstack.api.config.DaemonConfigWriter;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.config.WatchdogMode;
import org.xcp.clusterstack.api.journal.EventKind;
import org.xcp.clusterstack.api.journal.JournalEvent;
import org.xcp.clusterstack.api.journal.JournalLine;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.PoolState;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.control.LogDir;
import org.xcp.clusterstack.control.RunDir;

/**
 * One host of a three-host pool laid out in a temporary directory as a real host has it: its xhad.conf, the
 * statefile, its run directory and its log directory (the event journal). Host 0 is the local host.
 */
final class HostLayout {
    static final HaUuid GENERATION = HaUuid.parse("7a1e6f00-2b3c-4d5e-8f90-0a1b2c3d4e5f");
    static final String STACK = "xhad";

    final Path dir;
    final Path configFile;
    final DaemonConfig config;
    final Path statefile;
    final RunDir runDir;
    final LogDir logDir;
    final List<HaUuid> ids = new ArrayList<>();

    HostLayout(Path dir) {
        this.dir = dir;
        this.statefile = dir.resolve("statefile");
        DaemonConfigBuilder pool = DaemonConfig.builder().generation(GENERATION)
                .parameter(Parameter.HEARTBEAT_INTERVAL, 1).parameter(Parameter.HEARTBEAT_TIMEOUT, 4)
                .parameter(Parameter.STATEFILE_INTERVAL, 1).parameter(Parameter.STATEFILE_TIMEOUT, 4)
                .parameter(Parameter.HEARTBEAT_WATCHDOG_TIMEOUT, 4).parameter(Parameter.STATEFILE_WATCHDOG_TIMEOUT, 6)
                .heartbeatInterface("lo").stateFile(statefile).watchdogMode(WatchdogMode.NONE);
        for (int i = 0; i < 3; i++) {
            HaUuid id = HaUuid.parse(String.format("%08x-1111-4222-8333-%012x", 0x20000000 + i, i));
            ids.add(id);
            pool.host(id, "127.0.12." + (i + 1));
        }
        this.config = pool.build(ids.get(0));
        try {
            this.configFile = DaemonConfigWriter.write(config, dir.resolve("xhad.conf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.runDir = RunDir.of(dir.resolve("run"), STACK, ids.get(0));
        this.logDir = LogDir.of(dir.resolve("log"), STACK, ids.get(0));
        runDir.create();
    }

    /** The statefile of an ACTIVE pool whose three hosts have each written their section once. */
    static StatefileImage active() {
        StatefileImage image = StatefileImage.initial(GENERATION, 3);
        image = image.withGlobal(image.global().withPoolState(PoolState.ACTIVE));
        for (int i = 0; i < 3; i++) {
            image = image.withHost(i, section(i, 7, false));
        }
        return image;
    }

    static HostSection section(int index, int sequence, boolean excluded) {
        return HostSection.builder().hostIndex(index)
                .hostUuid(HaUuid.parse(String.format("%08x-1111-4222-8333-%012x", 0x20000000 + index, index)))
                .sequence(sequence).excluded(excluded).build();
    }

    HostLayout statefile(StatefileImage image) {
        write(statefile, image.encode());
        return this;
    }

    HostLayout pidFile(String text) {
        write(runDir.pidFile(), (text + "\n").getBytes());
        return this;
    }

    HostLayout startReport(String line) {
        write(runDir.startReport(), (line + "\n").getBytes());
        return this;
    }

    /** A run of the daemon in the journal: started, and ended with {@code status} (none: no end). */
    HostLayout journalRun(Integer status) {
        Instant t = Instant.parse("2026-12-07T10:00:00Z");
        List<String> lines = new ArrayList<>();
        lines.add(new JournalLine(t, 1, STACK, ids.get(0), 0, 4242, JournalEvent.of(EventKind.DAEMON_STARTED,
                "daemon started")).encode());
        if (status != null) {
            lines.add(new JournalLine(t.plusSeconds(3), 2, STACK, ids.get(0), 0, 4242, JournalEvent.of(
                    EventKind.DAEMON_ENDED, "daemon ended with " + status).with("exit_status", status)).encode());
        }
        logDir.create();
        try {
            Files.write(logDir.journal(), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    HostFacts facts() {
        return facts(Duration.ZERO);
    }

    HostFacts facts(Duration watch) {
        return new HostProbe(STACK, configFile, config, runDir, logDir).facts(watch);
    }

    Finding diagnose() {
        return Diagnostician.diagnose(facts(Duration.ofMillis(300)));
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
