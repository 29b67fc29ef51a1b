package org.xcp.clusterstack.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.xcp.clusterstack.api.HaException;

/** {@code --since}: an instant, or an age back from now. */
class EventFilterTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void anAgeCountsBackFromNow() {
        assertThat(EventFilter.since("90s", NOW)).isEqualTo(Instant.parse("2026-12-07T11:58:30Z"));
        assertThat(EventFilter.since("10m", NOW)).isEqualTo(Instant.parse("2026-12-07T11:50:00Z"));
        assertThat(EventFilter.since("2h", NOW)).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(EventFilter.since("1d", NOW)).isEqualTo(Instant.parse("2026-12-06T12:00:00Z"));
    }

    @Test
    void anInstantIsTakenAsItIs() {
        assertThat(EventFilter.since("2026-12-07T04:50:00Z", NOW)).isEqualTo(Instant.parse("2026-12-07T04:50:00Z"));
        assertThat(EventFilter.since("2026-12-07T04:50:00.250Z", NOW))
                .isEqualTo(Instant.parse("2026-12-07T04:50:00.250Z"));
    }

    @Test
    void anythingElseIsExit1() {
        for (String bad : new String[] {"10", "10w", "-1h", "2026-12-07", "now"}) {
            assertThatThrownBy(() -> EventFilter.since(bad, NOW)).as(bad).isInstanceOf(HaException.class)
                    .hasMessageStartingWith("--since " + bad + ": neither");
        }
    }
}
