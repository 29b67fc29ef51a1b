package org.xcp.clusterstack.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;

/** Which entries {@code events} shows: from a time on, of one host, of one stack. */
public record EventFilter(Optional<Instant> since, Optional<HostSelector> host, Optional<String> stack)
        implements Predicate<JournalEntry> {
    private static final Pattern AGE = Pattern.compile("([0-9]{1,9})([smhd])");

    public static EventFilter all() {
        return new EventFilter(Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public boolean test(JournalEntry e) {
        return since.map(t -> !e.time().isBefore(t)).orElse(true) && host.map(h -> h.matches(e)).orElse(true)
                && stack.map(s -> s.equals(e.stack())).orElse(true);
    }

    /**
     * {@code --since}: an ISO-8601 instant ({@code 2026-12-07T04:50:00Z}) or an age back from now: a number and
     * one of s, m, h, d ({@code 10m}, {@code 2h}, {@code 1d}).
     */
    public static Instant since(String text, Clock clock) {
        Matcher m = AGE.matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration age = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return clock.instant().minus(age);
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new HaException(ExitCode.INVALID_PARAMETER, "--since " + text + ": neither an ISO-8601 instant"
                    + " (2026-12-07T04:50:00Z) nor an age (10m, 2h, 1d)");
        }
    }

    /** A host as an admin names it: its index in the pool ({@code 2}) or its UUID (dashed or not). */
    public record HostSelector(Optional<Integer> index, Optional<HaUuid> uuid) {
        public static HostSelector parse(String text) {
            String t = text.strip();
            if (t.matches("[0-9]{1,2}")) {
                return new HostSelector(Optional.of(Integer.parseInt(t)), Optional.empty());
            }
            try {
                return new HostSelector(Optional.empty(), Optional.of(HaUuid.parse(t)));
            } catch (IllegalArgumentException e) {
                throw new HaException(ExitCode.INVALID_PARAMETER, "host " + text + ": neither a host index (0..63)"
                        + " nor a host UUID");
            }
        }

        public static HostSelector of(HaUuid uuid) {
            return new HostSelector(Optional.empty(), Optional.of(uuid));
        }

        /** Whether {@code e} was written by this host: by its UUID when known (indexes move as a pool changes). */
        public boolean matches(JournalEntry e) {
            return uuid.map(u -> u.equals(e.host())).orElseGet(() -> index.map(i -> i == e.hostIndex()).orElse(true));
        }

        @Override
        public String toString() {
            return index.map(i -> "host " + i).orElseGet(() -> "host " + uuid.orElseThrow().dashed());
        }
    }
}
