package org.xcp.clusterstack.common.core;

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

/**
 * Turns a core's view into the liveset document of spec §4, every configured host in index order, the same for
 * every engine kind: {@code master} from the statefile's master field whatever the host's liveness (a dead master
 * stays {@code master=TRUE} until another is written), the latencies measured by the core since the last
 * published document (xapi's health check among them), the warnings computed from them and from the live hosts'
 * silences, and who is restarting xapi with its last error (spec §7.4).
 */
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
        LatencyMeter.Window statefile = view.statefileLatency().peek();
        LatencyMeter.Window heartbeat = view.heartbeatLatency().peek();
        LatencyMeter.Window xapi = view.xapi().latency().peek();
        RawStatus rawStatus = new RawStatus(latency(statefile), latency(heartbeat), latency(xapi), raw);
        DaemonParameters p = config.parameters();
        Timeouts timeouts = new Timeouts(ms(p, Parameter.HEARTBEAT_TIMEOUT), ms(p, Parameter.STATEFILE_TIMEOUT),
                ms(p, Parameter.XAPI_HEALTH_CHECK_TIMEOUT), ms(p, Parameter.HEARTBEAT_WATCHDOG_TIMEOUT),
                ms(p, Parameter.STATEFILE_WATCHDOG_TIMEOUT));
        long halfT1 = ms(p, Parameter.HEARTBEAT_TIMEOUT) / 2;
        long halfT2 = ms(p, Parameter.STATEFILE_TIMEOUT) / 2;
        boolean heartbeatSlow = heartbeat.max() > halfT1 || silentFor(view, halfT1, now, true);
        boolean statefileSlow = !view.statefileLost() && (statefile.max() > halfT2 || silentFor(view, halfT2, now, false));
        // xhad: the largest health-check latency since the last query, or the check in flight, past T3/2
        long halfT3 = ms(p, Parameter.XAPI_HEALTH_CHECK_TIMEOUT) / 2;
        long checking = view.xapi().checkStartedAt();
        boolean xapiSlow = xapi.max() > halfT3 || checking >= 0 && (now - checking) / 1_000_000 >= halfT3;
        Warnings warnings = new Warnings(view.statefileLost(), heartbeatSlow, statefileSlow, xapiSlow, false);
        return new Liveset(LivesetStatus.ONLINE, me.id(), me.index(), hosts, Optional.of(rawStatus),
                Optional.of(timeouts), Optional.of(warnings));
    }

    /** Whether a live host other than me has been silent on one channel for longer than {@code limitMs} (§4.1). */
    private boolean silentFor(EngineView view, long limitMs, long now, boolean heartbeat) {
        for (int i : view.currentLiveset().toArray()) {
            if (i != me.index() && i < config.hostCount() && (heartbeat ? view.msSinceHeartbeat(i, now)
                    : view.msSinceStatefileUpdate(i, now)) > limitMs) {
                return true;
            }
        }
        return false;
    }

    private static Latency latency(LatencyMeter.Window w) {
        return new Latency(w.last(), w.max(), w.min());
    }

    private HostRawData rawData(EngineView view, ConfiguredHost h, boolean live, long now) {
        int i = h.index();
        List<HaUuid> hb = live ? ids(view.hbdomain()) : List.of();
        List<HaUuid> sf = live ? ids(view.sfdomain()) : List.of();
        long sinceHeartbeat = view.msSinceHeartbeat(i, now);
        // this host's own xapi whatever its liveness; a peer's as it last published it, while it is live
        boolean mine = i == me.index();
        long sinceXapiRestart = mine || live ? view.xapi().msSinceRestartBegan(i, now) : -1;
        String xapiError = mine || live ? view.xapi().errors()[i] : "";
        return new HostRawData(h.id(), i, view.msSinceStatefileUpdate(i, now), sinceHeartbeat, sinceXapiRestart,
                xapiError, hb, hb, sf, sf);
    }

    private List<HaUuid> ids(HostSet set) {
        return set.indexes().filter(i -> i < config.hostCount()).mapToObj(i -> config.hosts().get(i).id()).toList();
    }

    private static long ms(DaemonParameters p, Parameter parameter) {
        return p.get(parameter) * 1000L;
    }
}
