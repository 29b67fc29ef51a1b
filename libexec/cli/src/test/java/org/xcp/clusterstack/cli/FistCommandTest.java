package org.xcp.clusterstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.fault.FaultPoint;
import org.xcp.clusterstack.common.fault.FaultPoints;
import org.xcp.clusterstack.control.RunDir;
import org.xcp.clusterstack.daemon.TestDaemon;

/** {@code cluster-stack fist}: against a control socket that answers as a daemon's does, and without one. */
class FistCommandTest {
    private static final String HOST = "4f2a9c1e-7b3d-4e8a-9c5f-1a2b3c4d5e6f";

    @TempDir
    Path dir;

    private Path config;
    private Path runBase;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void oneHostConfig() throws Exception {
        runBase = dir.resolve("run");
        config = Files.writeString(dir.resolve("xhad.conf"), """
                <?xml version="1.0" encoding="utf-8"?>
                <xhad-config version="1.0">
                  <common-config>
                    <GenerationUUID>9b3d2f10-6c1e-4a7b-8d5f-0e1f2a3b4c5d</GenerationUUID>
                    <UDPport>694</UDPport>
                    <host>
                      <HostID>%s</HostID>
                      <IPaddress>127.0.0.11</IPaddress>
                    </host>
                    <parameters/>
                  </common-config>
                  <local-config>
                    <localhost>
                      <HostID>%s</HostID>
                      <HeartbeatInterface>lo</HeartbeatInterface>
                      <StateFile>/dev/null</StateFile>
                      <WatchdogMode>NONE</WatchdogMode>
                    </localhost>
                  </local-config>
                </xhad-config>
                """.formatted(HOST, HOST));
    }

    private int fist(String... args) {
        List<String> all = new ArrayList<>(List.of("fist"));
        all.addAll(List.of(args));
        all.addAll(List.of("-C", config.toString(), "--run-dir", runBase.toString()));
        return CommandLines.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all.toArray(String[]::new));
    }

    private RunDir runDir() {
        return RunDir.of(runBase, "xhad", HaUuid.parse(HOST));
    }

    @Test
    void enableListAndDisableTalkToTheDaemon() throws Exception {
        FaultPoints faults = FaultPoints.none();
        try (TestDaemon daemon = TestDaemon.serveFaults(runDir(), faults)) {
            assertThat(fist("enable", "hb.receive.lostpacket")).isEqualTo(0);
            assertThat(faults.fires(FaultPoint.HB_RECEIVE_LOSTPACKET)).isTrue();
            assertThat(fist("enable", "sf.ioerror.once")).isEqualTo(0);
            assertThat(fist("disable", "hb.receive.lostpacket")).isEqualTo(0);
            assertThat(fist("list")).isEqualTo(0);
        }
        assertThat(out.toString()).isEqualTo("hb.receive.lostpacket.sticky\n"
                + "hb.receive.lostpacket.sticky\nsf.ioerror.once\n"
                + "sf.ioerror.once\n"
                + "sf.ioerror.once\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void noDaemonIsExit14InOneLine() {
        assertThat(fist("list")).isEqualTo(14);
        assertThat(err.toString()).isEqualTo("cluster-stack: no daemon answers for host " + HOST + " (stack xhad, "
                + runDir().dir() + ")\n");
    }

    @Test
    void anUnknownNameIsExit1WithTheKnownOnesWhetherOrNotADaemonRuns() {
        assertThat(fist("enable", "sf.ioeror")).isEqualTo(1);
        assertThat(err.toString()).startsWith("cluster-stack: unknown fault point \"sf.ioeror\"; known: hb.send.lostpacket,")
                .containsOnlyOnce("\n");
    }

    @Test
    void badActionsAreExit1() {
        assertThat(fist("toggle", "sf.slow")).isEqualTo(1);
        assertThat(fist("enable")).isEqualTo(1);
        assertThat(fist("list", "sf.slow")).isEqualTo(1);
        assertThat(err.toString().lines()).hasSize(3);
    }

    @Test
    void helpListsThePointsAndTheSuffixes() {
        assertThat(CommandLines.create(new PrintWriter(out, true), new PrintWriter(err, true)).execute("fist", "--help"))
                .isEqualTo(0);
        for (FaultPoint point : FaultPoint.values()) {
            assertThat(out.toString()).contains(point.label());
        }
        assertThat(out.toString()).contains(".once", ".sticky", "ha_start_daemon");
    }
}
