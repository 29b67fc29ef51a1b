package org.xcp.clusterstack.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The system log for real: a datagram socket bound at a temporary path stands for {@code /dev/log}, and the daemon's
 * log pointed at it must deliver lines a syslog daemon parses, with facility daemon and the line's severity.
 */
class SyslogTest {
    /** RFC 3164 as glibc's syslog(3) sends it to /dev/log: no host name, the tag with the pid. */
    private static final Pattern RFC3164 = Pattern.compile(
            "<(\\d{1,3})>([A-Z][a-z]{2}) ([ 1-3]\\d) (\\d\\d:\\d\\d:\\d\\d) cluster-stack-xhad\\[(\\d+)]: (.*)");

    @TempDir
    Path dir;

    @Test
    void everyLineReachesTheSocketWithFacilityDaemonAndItsLevelsSeverity() throws Exception {
        Path socket = dir.resolve("log.sock");
        try (DatagramReceiver syslogd = new DatagramReceiver(socket);
                DaemonLog log = new DaemonLog(ReopeningFile.open(dir.resolve("daemon.log")), LogLevel.DEBUG,
                        Optional.of(new Syslog(socket, "xhad")))) {
            log.debug("a detail");
            log.info("host 1 joined");
            log.notice("starting");
            log.warn("statefile slow");
            log.error("SELF-FENCE: lost the survival rule");

            List<Integer> pris = List.of(31, 30, 29, 28, 27); // daemon (3) * 8 + debug 7 ... err 3
            List<String> messages = List.of("a detail", "host 1 joined", "starting", "statefile slow",
                    "SELF-FENCE: lost the survival rule");
            for (int i = 0; i < pris.size(); i++) {
                String datagram = syslogd.next(Duration.ofSeconds(5)).orElseThrow();
                Matcher m = RFC3164.matcher(datagram);
                assertThat(m.matches()).as(datagram).isTrue();
                assertThat(Integer.parseInt(m.group(1))).isEqualTo(pris.get(i));
                assertThat(Long.parseLong(m.group(5))).isEqualTo(ProcessHandle.current().pid());
                assertThat(m.group(6)).isEqualTo(messages.get(i));
            }
            assertThat(log.statusLines()).contains("log.syslog=" + socket, "log.syslog_state=connected",
                    "log.syslog_dropped=0");
            assertThat(Files.readString(dir.resolve("daemon.log"))).contains("NOTICE", "syslog: lines also go to "
                    + socket);
        }
    }

    @Test
    void theTimestampIsRfc3164sWithASpacePaddedDay() {
        Syslog syslog = new Syslog(dir.resolve("none"), "xhad", ZoneOffset.UTC, System::nanoTime);

        String datagram = new String(syslog.datagram(LogLevel.WARNING, Instant.parse("2024-03-05T07:08:09.5Z"),
                "m"), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(datagram).isEqualTo("<28>Mar  5 07:08:09 cluster-stack-xhad[" + ProcessHandle.current().pid()
                + "]: m");
    }

    @Test
    void anAbsentSocketIsSaidOnceInTheFileAndEveryLineIsCountedAsDropped() throws Exception {
        Path socket = dir.resolve("no-such.sock");
        try (DaemonLog log = new DaemonLog(ReopeningFile.open(dir.resolve("daemon.log")), LogLevel.INFO,
                Optional.of(new Syslog(socket, "xhad")))) {
            for (int i = 0; i < 5; i++) {
                log.info("line " + i);
            }

            String file = Files.readString(dir.resolve("daemon.log"));
            assertThat(file.lines().filter(l -> l.contains("syslog:"))).singleElement().asString()
                    .contains("WARNING", socket + " is absent", "lines go to the file only");
            assertThat(file.lines().filter(l -> l.contains(" INFO "))).hasSize(5);
            assertThat(log.statusLines()).contains("log.syslog_dropped=5")
                    .anySatisfy(l -> assertThat(l).startsWith("log.syslog_state=absent"));
        }
    }

    @Test
    void aSocketThatAppearsLaterIsUsedAfterTheRetryInterval() throws Exception {
        Path socket = dir.resolve("later.sock");
        AtomicLong now = new AtomicLong();
        Syslog syslog = new Syslog(socket, "xhad", ZoneOffset.UTC, now::get);
        assertThat(syslog.send(LogLevel.INFO, Instant.now(), "before")).map(Syslog.Change::level)
                .contains(LogLevel.WARNING);
        try (DatagramReceiver syslogd = new DatagramReceiver(socket)) {
            now.addAndGet(Syslog.RETRY.toNanos() - 1);
            assertThat(syslog.send(LogLevel.INFO, Instant.now(), "too soon")).isEmpty();
            now.addAndGet(1);
            assertThat(syslog.send(LogLevel.INFO, Instant.now(), "after")).map(Syslog.Change::level)
                    .contains(LogLevel.NOTICE);

            assertThat(syslogd.drain()).singleElement().asString().endsWith("]: after");
            assertThat(syslog.dropped()).isEqualTo(2);
        } finally {
            syslog.close();
        }
    }

    @Test
    void aReceiverThatStopsReadingCostsLinesNeverTime() throws Exception {
        Path socket = dir.resolve("full.sock");
        try (DatagramReceiver syslogd = new DatagramReceiver(socket); Syslog syslog = new Syslog(socket, "xhad")) {
            long slowest = 0;
            for (int i = 0; i < 5_000; i++) { // a Unix datagram queue holds a few hundred at most
                long t0 = System.nanoTime();
                syslog.send(LogLevel.INFO, Instant.now(), "line " + i + " " + "x".repeat(200));
                slowest = Math.max(slowest, System.nanoTime() - t0);
            }

            assertThat(syslog.dropped()).as("lines the full queue refused").isGreaterThan(0);
            assertThat(syslog.state()).isEqualTo("connected");
            assertThat(Duration.ofNanos(slowest)).as("the slowest send").isLessThan(Duration.ofMillis(500));
            assertThat(syslogd.drain()).hasSize(5_000 - (int) syslog.dropped());
        }
    }

    @Test
    void aReceiverThatGoesAwayIsSaidOnceAndANewOneAtTheSamePathIsFound() throws Exception {
        Path socket = dir.resolve("restarted.sock");
        AtomicLong now = new AtomicLong();
        try (Syslog syslog = new Syslog(socket, "xhad", ZoneOffset.UTC, now::get)) {
            try (DatagramReceiver first = new DatagramReceiver(socket)) {
                assertThat(syslog.send(LogLevel.INFO, Instant.now(), "one")).isPresent(); // connected
            }
            Files.delete(socket); // journald stopped

            Optional<Syslog.Change> gone = syslog.send(LogLevel.INFO, Instant.now(), "two");
            assertThat(gone).map(Syslog.Change::level).contains(LogLevel.WARNING);
            assertThat(gone.orElseThrow().sentence()).contains("went away");
            assertThat(syslog.send(LogLevel.INFO, Instant.now(), "three")).isEmpty();

            try (DatagramReceiver second = new DatagramReceiver(socket)) { // journald restarted
                now.addAndGet(Syslog.RETRY.toNanos());
                assertThat(syslog.send(LogLevel.INFO, Instant.now(), "four")).map(Syslog.Change::level)
                        .contains(LogLevel.NOTICE);
                assertThat(second.drain()).singleElement().asString().endsWith("]: four");
                assertThat(syslog.dropped()).isEqualTo(2);
            }
        }
    }
}
