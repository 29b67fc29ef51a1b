package org.xcp.clusterstack.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.StackSettings;
import org.xcp.clusterstack.api.spi.XapiOutcome;
import org.xcp.clusterstack.daemon.log.DaemonLog;
import org.xcp.clusterstack.daemon.log.LogLevel;

/** The daemon's side of xapi's health check: the settings, the limit (the whole group killed), bounded output. */
class XapiCommandRunnerTest {
    @TempDir
    Path dir;

    private XapiCommandRunner runner(String check) throws Exception {
        StackSettings s = StackSettings.of(dir.resolve("xhad.conf"), Map.of(StackSettings.XAPI_HEALTH_CHECK_COMMAND,
                check));
        return XapiCommandRunner.start(XapiCommandRunner.commands(s), DaemonLog.open(dir.resolve("daemon.log"),
                "xhad", LogLevel.INFO));
    }

    private Path script(String name, String body) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        p.toFile().setExecutable(true);
        return p;
    }

    @Test
    void aPassingAndAFailingCheckAndTheFirstHundredPrintableCharactersOfWhatItSaid() throws Exception {
        try (XapiCommandRunner r = runner("/bin/true")) {
            assertThat(r.present()).isTrue();
            assertThat(r.run(1, List.of("/bin/true"), Duration.ofSeconds(5)).succeeded()).isTrue();
            Path s = script("fails", "printf 'xapi:\\tdown'; yes x | head -c 100000 | tr -d '\\n'; exit 3");
            XapiOutcome o = r.run(2, List.of(s.toString()), Duration.ofSeconds(5));
            assertThat(o.ended()).isEqualTo(XapiOutcome.Ended.EXITED);
            assertThat(o.exitCode()).isEqualTo(3);
            assertThat(o.output()).startsWith("xapi: downxxx").hasSize(XapiOutcome.MAX_OUTPUT);
        }
    }

    @Test
    void aHungCheckIsKilledAtItsLimitWithWhatItStarted() throws Exception {
        Path child = dir.resolve("child.pid");
        Path s = script("hangs", "sleep 300 & echo $! >" + child + "; sleep 300");
        try (XapiCommandRunner r = runner("/bin/true")) {
            long t0 = System.nanoTime();
            XapiOutcome o = r.run(1, List.of(s.toString()), Duration.ofMillis(500));
            assertThat(o.ended()).isEqualTo(XapiOutcome.Ended.TIMED_OUT);
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4_000);
            long pid = Long.parseLong(Files.readString(child).strip());
            long deadline = System.nanoTime() + 5_000_000_000L; // the kill is sent; its delivery may lag on a busy host
            while (running(pid) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(running(pid)).as("its child").isFalse();
        }
    }

    /** Alive and not a zombie (an init that does not reap, as in some containers, keeps those). */
    private static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void aProgramThatCannotStartIsNotStarted() throws Exception {
        try (XapiCommandRunner r = runner("/bin/true")) {
            Path notExecutable = Files.writeString(dir.resolve("plain"), "x");
            XapiOutcome o = r.run(1, List.of(notExecutable.toString()), Duration.ofSeconds(1));
            assertThat(o.ended()).isIn(XapiOutcome.Ended.NOT_STARTED, XapiOutcome.Ended.EXITED);
            assertThat(o.succeeded()).isFalse();
        }
    }

    @Test
    void settingsNameAProgramThatIsThereOrSayWhichIsNot() {
        StackSettings missing = StackSettings.parse(dir.resolve("xhad.conf"), "xapi-restart-command = /no/such restart\n");
        assertThatThrownBy(() -> XapiCommandRunner.commands(missing)).isInstanceOf(HaException.class)
                .hasMessageContaining(":1: xapi-restart-command: no executable program /no/such");
        StackSettings relative = StackSettings.parse(dir.resolve("xhad.conf"), "xapi-health-check-command = bin/x\n");
        assertThatThrownBy(() -> XapiCommandRunner.commands(relative)).hasMessageContaining("absolute path");
        XapiCommandRunner.Commands defaults = XapiCommandRunner.commands(StackSettings.none(dir.resolve("x.conf")));
        assertThat(defaults.check()).containsExactly("/opt/xensource/libexec/xapi-health-check");
        assertThat(defaults.restart()).endsWith("restart", "xapi.service");
    }
}
