package org.xcp.clusterstack.daemon.hygiene;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.spi.StackSettings;

/** {@code process-hygiene = required | best-effort | off}, in any stack's settings file. */
class HygieneModeTest {
    static final Path FILE = Path.of("/etc/xensource/cluster-stack/corosync.conf");

    @Test
    void withoutTheSettingEveryStepIsBestEffort() {
        assertThat(HygieneMode.of(StackSettings.none(FILE))).isEqualTo(HygieneMode.BEST_EFFORT);
    }

    @Test
    void eachWordIsItsMode() {
        assertThat(HygieneMode.of(settings("process-hygiene = required"))).isEqualTo(HygieneMode.REQUIRED);
        assertThat(HygieneMode.of(settings("process-hygiene = best-effort"))).isEqualTo(HygieneMode.BEST_EFFORT);
        assertThat(HygieneMode.of(settings("process-hygiene=off"))).isEqualTo(HygieneMode.OFF);
    }

    @Test
    void anyOtherWordIsExit7NamingTheFileTheLineAndTheKey() {
        assertThatThrownBy(() -> HygieneMode.of(settings("# mine\nprocess-hygiene = on")))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode())
                        .isEqualTo(ExitCode.INVALID_CONFIG_FILE))
                .hasMessage(FILE + ":2: process-hygiene: expected one of [best-effort, off, required], got 'on'");
    }

    @Test
    void everyStackAcceptsTheSettingBesideItsOwnKeys() {
        StackSettings settings = settings("corosync.poll_ms = 500\nprocess-hygiene = off");

        assertThat(settings.allowOnly(Set.of("corosync.poll_ms"))).isSameAs(settings);
        assertThatThrownBy(() -> settings("process-hygeine = off").allowOnly(Set.of("corosync.poll_ms")))
                .hasMessageContaining("process-hygeine: unknown setting");
    }

    @Test
    void offTakesNoStepAndStatusSaysSo() {
        RecordingLog log = new RecordingLog();
        try (ProcessHygiene hygiene = ProcessHygiene.start(HygieneMode.OFF, "xhad",
                HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01"), log)) {
            assertThat(hygiene.statusLines()).containsExactly("hygiene=off");
        }
        assertThat(log.lines).containsExactly("process hygiene off (process-hygiene = off): the process stays as its"
                + " caller made it");
    }

    @Test
    void theDaemonsCgroupIsNamedForTheStackAndTheHostsShortId() {
        assertThat(ProcessHygiene.name("xhad", HaUuid.parse("6b3f9b2c-1d8e-4a51-9f0e-2c6a1b7d3e01")))
                .isEqualTo("xhad-6b3f9b2c");
    }

    private static StackSettings settings(String text) {
        return StackSettings.parse(FILE, text);
    }

    static final class RecordingLog implements org.xcp.clusterstack.api.spi.EngineLog {
        final java.util.List<String> lines = new java.util.ArrayList<>();

        @Override
        public void info(String message) {
            lines.add(message);
        }
    }
}
