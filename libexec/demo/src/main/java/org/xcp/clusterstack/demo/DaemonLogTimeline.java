package org.xcp.clusterstack.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * One host's {@code daemon.log} read as a timeline: each line is "INSTANT LEVEL [pid] message", the user
 * watchdog's last words too.
 */
record DaemonLogTimeline(List<String> lines) {

    record Event(Instant at, String message) {
        /** Seconds from {@code since} to this event. */
        double secondsAfter(Instant since) {
            return Duration.between(since, at).toMillis() / 1000.0;
        }
    }

    static DaemonLogTimeline of(Path log) {
        try {
            return new DaemonLogTimeline(Files.readAllLines(log));
        } catch (IOException e) {
            return new DaemonLogTimeline(List.of());
        }
    }

    /** The first event after {@code since} whose message starts with {@code prefix}. */
    Optional<Event> first(Instant since, String prefix) {
        return lines.stream().map(DaemonLogTimeline::event).flatMap(Optional::stream)
                .filter(e -> e.at().isAfter(since) && e.message().startsWith(prefix)).findFirst();
    }

    /** The message of the last event whose message starts with {@code prefix}. */
    Optional<String> last(String prefix) {
        return lines.stream().map(DaemonLogTimeline::event).flatMap(Optional::stream).map(Event::message)
                .filter(m -> m.startsWith(prefix)).reduce((a, b) -> b);
    }

    private static Optional<Event> event(String line) {
        int space = line.indexOf(' ');
        int message = line.indexOf("] ");
        if (space < 0 || message < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Event(Instant.parse(line.substring(0, space)), line.substring(message + 2)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
