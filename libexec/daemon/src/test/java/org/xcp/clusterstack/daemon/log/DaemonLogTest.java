package org.xcp.clusterstack.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.StackSettings;

class DaemonLogTest {
    @TempDir
    Path dir;

    @Test
    void aLineIsTheInstantTheLevelThePidAndTheMessage() throws Exception {
        Path file = dir.resolve("daemon.log");
        Instant before = Instant.now();
        try (DaemonLog log = new DaemonLog(file)) {
            log.info("host 2 left the liveset");
        }

        String line = Files.readString(file);
        assertThat(line).endsWith(" INFO [" + ProcessHandle.current().pid() + "] host 2 left the liveset\n");
        assertThat(Instant.parse(line.substring(0, line.indexOf(' ')))).isBetween(before, Instant.now());
    }

    @Test
    void theEngineLogsLevelsMapToTheirOwn() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(file)) {
            EngineLog engine = log;
            engine.info("i");
            engine.warn("w");
            engine.error("e");
        }

        assertThat(levels(file)).containsExactly("INFO", "WARNING", "ERROR");
    }

    @Test
    void linesBelowTheLogsLevelAreDropped() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(ReopeningFile.open(file), LogLevel.NOTICE, Optional.empty())) {
            log.debug("d");
            log.info("i");
            log.notice("n");
            log.warn("w");
            log.error("e");
        }

        assertThat(levels(file)).containsExactly("NOTICE", "WARNING", "ERROR");
    }

    @Test
    void aMessageOfSeveralLinesIsOneLine() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(file)) {
            log.warn("engine failure: java.io.IOException: first\nsecond\r\nthird");
        }

        assertThat(Files.readAllLines(file)).singleElement().asString()
                .endsWith("engine failure: java.io.IOException: first second third");
    }

    @Test
    void statusSaysWhereAtWhichLevelAndWhatWasLost() throws Exception {
        Path file = dir.resolve("daemon.log");
        try (DaemonLog log = new DaemonLog(file)) {
            assertThat(log.statusLines()).containsExactly("log.file=" + file, "log.level=INFO", "log.lines_lost=0");
        }
    }

    @Test
    void levelsAreNamedInAnyCase() {
        assertThat(LogLevel.named("warning")).contains(LogLevel.WARNING);
        assertThat(LogLevel.named(" Debug ")).contains(LogLevel.DEBUG);
        assertThat(LogLevel.named("warn")).isEmpty();
        assertThat(LogLevel.ERROR.reaches(LogLevel.WARNING)).isTrue();
        assertThat(LogLevel.INFO.reaches(LogLevel.NOTICE)).isFalse();
    }

    @Test
    void theLevelIsADaemonSettingOfEveryStackInfoByDefault() {
        Path file = Path.of("/etc/xensource/cluster-stack/corosync.conf");
        StackSettings none = StackSettings.none(file).allowOnly(java.util.Set.of("totem"));
        StackSettings debug = StackSettings.parse(file, "log-level = debug\n").allowOnly(java.util.Set.of("totem"));

        assertThat(LogLevel.of(none)).isEqualTo(LogLevel.INFO);
        assertThat(LogLevel.of(debug)).isEqualTo(LogLevel.DEBUG);
        assertThatThrownBy(() -> LogLevel.of(StackSettings.parse(file, "# a comment\nlog-level = loud\n")))
                .isInstanceOfSatisfying(HaException.class, e -> assertThat(e.exitCode()).isEqualTo(
                        ExitCode.INVALID_CONFIG_FILE))
                .hasMessage(file + ":2: log-level: expected one of [debug, info, notice, warning, error], got 'loud'");
    }

    private static List<String> levels(Path file) throws Exception {
        return Files.readAllLines(file).stream().map(l -> l.split(" ")[1]).toList();
    }
}
