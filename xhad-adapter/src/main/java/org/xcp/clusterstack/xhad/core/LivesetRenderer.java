package org.xcp.clusterstack.xhad.core;

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
import org.xcp.clusterstack.api.spi.HostState;
import org.xcp.clusterstack.api.statefile.HostSection;

/** Turns the engine's view into the liveset document of spec §4, every configured host in index order. */
public final class LivesetRenderer {
    private final DaemonConfig config;
    private final ConfiguredHost me;

    public LivesetRenderer(DaemonConfig config) {
        this.config = config;
        this.me = config.localHost();
    }

    public Liveset render(EngineView view) {
        long now = System.nanoTime();
        if (view.state() != HostState.ONLINE) {
            return Liveset.starting(me.id(), me.index());
        }
        Optional<HaUuid> master = view.global().flatMap(g -> g.masterHost());
        List<HostEntry> hosts = new ArrayList<>();
        List<HostRawData> raw = new ArrayList<>();
        for (ConfiguredHost h : config.hosts()) {
            int i = h.index();
            boolean live = view.currentLiveset().contains(i);
            Optional<HostSection> section = view.hosts().get(i);
            boolean excluded = section.map(s -> s.excluded() != 0).orElse(false);
            boolean corrupted = i == me.index() ? view.statefileCorrupted()
                    : section.map(s -> !s.faults().isEmpty()).orElse(false);
            // outside SR-2, being live implies statefile access; during SR-2 a host's own report counts (spec §4.2)
            boolean access = live && !(view.statefileLost() && view.withoutStatefile().contains(i));
            hosts.add(new HostEntry(h.id(), i, live, master.equals(Optional.of(h.id())), access, corrupted, excluded));
            raw.add(rawData(view, h, live, now));
        }
        Latency statefile = new Latency(view.statefileLatency().last(), view.statefileLatency().max(),
                view.statefileLatency().min());
        RawStatus rawStatus = new RawStatus(statefile, Latency.NONE, Latency.NONE, raw);
        DaemonParameters p = config.parameters();
        Timeouts timeouts = new Timeouts(ms(p, Parameter.HEARTBEAT_TIMEOUT), ms(p, Parameter.STATEFILE_TIMEOUT),
                ms(p, Parameter.XAPI_HEALTH_CHECK_TIMEOUT), ms(p, Parameter.HEARTBEAT_WATCHDOG_TIMEOUT),
                ms(p, Parameter.STATEFILE_WATCHDOG_TIMEOUT));
        long halfT2 = ms(p, Parameter.STATEFILE_TIMEOUT) / 2;
        boolean statefileSlow = !view.statefileLost() && (view.statefileLatency().max() > halfT2
                || view.currentLiveset().indexes().anyMatch(i -> view.msSinceStatefileUpdate(i, now) > halfT2));
        Warnings warnings = new Warnings(view.statefileLost(), false, statefileSlow, false, false);
        return new Liveset(LivesetStatus.ONLINE, me.id(), me.index(), hosts, Optional.of(rawStatus),
                Optional.of(timeouts), Optional.of(warnings));
    }

    private HostRawData rawData(EngineView view, ConfiguredHost h, boolean live, long now) {
        int i = h.index();
        List<HaUuid> hb = live ? ids(view.hbdomain()) : List.of();
        List<HaUuid> sf = live ? ids(view.sfdomain()) : List.of();
        long sinceHeartbeat = view.msSinceHeartbeat(i, now);
        int sinceXapiRestart = view.hosts().get(i).map(HostSection::sinceXapiRestartFirstAttempted).orElse(-1);
        return new HostRawData(h.id(), i, view.msSinceStatefileUpdate(i, now), sinceHeartbeat,
                live ? sinceXapiRestart : -1, "", hb, hb, sf, sf);
    }

    private List<HaUuid> ids(HostSet set) {
        return set.indexes().filter(i -> i < config.hostCount()).mapToObj(i -> config.hosts().get(i).id()).toList();
    }

    private static long ms(DaemonParameters p, Parameter parameter) {
        return p.get(parameter) * 1000L;
    }
}
