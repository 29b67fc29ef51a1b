package org.xcp.clusterstack.api.liveset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;

/**
 * The whole {@code ha_query_liveset} document (spec §4). A Starting or Offline liveset is printed
 * without hosts, raw status, timeouts or warnings, but a document being read may still carry them
 * (xapi accepts that), so the value does not forbid them.
 *
 * @param localHostIndex -1 when a document being read did not carry a usable {@code HostIndex}
 */
public record Liveset(
        LivesetStatus status,
        HaUuid localHost,
        int localHostIndex,
        List<HostEntry> hosts,
        Optional<RawStatus> rawStatus,
        Optional<Timeouts> timeouts,
        Optional<Warnings> warnings) {

    public Liveset {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(localHost, "localHost");
        OcamlRange.checkIndex("local host index", localHostIndex);
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(rawStatus, "rawStatus");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(warnings, "warnings");
    }

    /** What a daemon that has not yet joined a liveset reports. */
    public static Liveset starting(HaUuid localHost, int localHostIndex) {
        return new Liveset(LivesetStatus.STARTING, localHost, localHostIndex, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
