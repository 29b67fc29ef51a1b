package org.xcp.clusterstack.daemon.managed;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.config.Parameter;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.HostRawData;
import org.xcp.clusterstack.api.liveset.Latency;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.liveset.RawStatus;
import org.xcp.clusterstack.api.liveset.Timeouts;
import org.xcp.clusterstack.api.liveset.Warnings;
import org.xcp.clusterstack.api.statefile.GlobalSection;

/**
 * The liveset of spec §4 for a stack on an external manager (stacks.md §2.2's mapping): {@code liveness}
 * from {@link HeldMembership}; {@code master} from the statefile's master field, for a live host;
 * {@code statefile_access} TRUE for live hosts (the local host's own I/O decides for itself);
 * {@code excluded} and {@code statefile_corrupted} from the host sections. In the raw data the manager's
 * membership stands where xhad puts its heartbeat domain, and the live set where it puts its statefile domain.
 */
record ManagedLiveset(DaemonConfig config, HeldMembership membership, PeerSequences peers, boolean statefileAccess,
        Optional<GlobalSection> global, long cycleNanos) {

    Liveset render(long now) {
        ConfiguredHost me = config.localHost();
        HostSet live = membership.live();
        Optional<HaUuid> master = global.flatMap(GlobalSection::masterHost);
        List<HostEntry> hosts = new ArrayList<>();
        List<HostRawData> raw = new ArrayList<>();
        List<HaUuid> listed = ids(membership.members());
        List<HaUuid> liveIds = ids(live);
        for (ConfiguredHost h : config.hosts()) {
            int i = h.index();
            boolean isLive = live.contains(i);
            boolean access = isLive && (i != me.index() || statefileAccess);
            hosts.add(new HostEntry(h.id(), i, isLive, isLive && master.equals(Optional.of(h.id())), access,
                    peers.corrupted(i), peers.excluded(i)));
            raw.add(new HostRawData(h.id(), i, peers.msSinceChange(i, now), membership.msSinceSeen(i, now), -1, "",
                    isLive ? listed : List.of(), isLive ? listed : List.of(), isLive ? liveIds : List.of(),
                    isLive ? liveIds : List.of()));
        }
        long cycleMs = Math.max(cycleNanos, 0) / 1_000_000;
        RawStatus rawStatus = new RawStatus(new Latency(cycleMs, cycleMs, cycleMs), Latency.NONE, Latency.NONE, raw);
        DaemonParameters p = config.parameters();
        Timeouts timeouts = new Timeouts(ms(p, Parameter.HEARTBEAT_TIMEOUT), ms(p, Parameter.STATEFILE_TIMEOUT),
                ms(p, Parameter.XAPI_HEALTH_CHECK_TIMEOUT), ms(p, Parameter.HEARTBEAT_WATCHDOG_TIMEOUT),
                ms(p, Parameter.STATEFILE_WATCHDOG_TIMEOUT));
        Warnings warnings = new Warnings(!statefileAccess, false, false, false, false);
        return new Liveset(LivesetStatus.ONLINE, me.id(), me.index(), hosts, Optional.of(rawStatus),
                Optional.of(timeouts), Optional.of(warnings));
    }

    private List<HaUuid> ids(HostSet set) {
        return set.indexes().filter(i -> i < config.hostCount()).mapToObj(i -> config.hosts().get(i).id()).toList();
    }

    private static long ms(DaemonParameters p, Parameter parameter) {
        return p.get(parameter) * 1000L;
    }
}
