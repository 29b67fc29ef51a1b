package org.xcp.clusterstack.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.poolstatus.HostPicture;
import org.xcp.clusterstack.poolstatus.OtherFencers;
import org.xcp.clusterstack.poolstatus.PoolPicture;
import org.xcp.clusterstack.poolstatus.PoolWarning;

/**
 * {@code pool status} as text and as JSON (schema {@code cluster-stack/pool-status}, version {@value #VERSION}:
 * docs/schemas/pool-status-v1.json, docs/operators.md).
 */
final class PoolStatusView {
    static final String SCHEMA = "cluster-stack/pool-status";
    static final int VERSION = 1;

    private PoolStatusView() {
    }

    static Map<String, Object> json(PoolPicture p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("schema", SCHEMA);
        v.put("version", VERSION);
        v.put("stack", p.stack());
        v.put("fencer", p.fencer());
        v.put("pool_state", p.poolState());
        v.put("master", boxed(p.master()));
        v.put("lock_holder", boxed(p.lockHolder()));
        v.put("viewed_from", boxed(p.viewedFrom()));
        v.put("survives_failures", boxed(p.survivesFailures()));
        v.put("survival_rule", p.survivalRule());
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (HostPicture h : p.hosts()) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("index", h.index());
            host.put("uuid", h.uuid().dashed());
            host.put("address", h.address());
            host.put("local", h.local());
            host.put("state", h.state().word());
            host.put("armed", h.armed().orElse(null));
            host.put("sees", indexes(h.sees()));
            host.put("heartbeat_age_share", h.heartbeatAgeShare().orElse(null));
            host.put("statefile_age_share", h.statefileAgeShare().orElse(null));
            host.put("excluded", h.excludedFlag());
            host.put("starting", h.startingFlag());
            host.put("requests_lock", h.requestsLock());
            host.put("running", h.running());
            hosts.add(host);
        }
        v.put("hosts", hosts);
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (PoolWarning w : p.warnings()) {
            Map<String, Object> warning = new LinkedHashMap<>();
            warning.put("code", w.code().code());
            warning.put("message", w.message());
            warning.put("fix", w.fix());
            warnings.add(warning);
        }
        v.put("warnings", warnings);
        v.put("not_detected", OtherFencers.NOT_DETECTED);
        return v;
    }

    static String text(PoolPicture p) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("pool      %s, stack %s (fencing: %s)%n", p.poolState(), p.stack(), p.fencer()));
        out.append(String.format("master    %s    lock holder %s%n", host(p.master()), host(p.lockHolder())));
        out.append(String.format("survives  %s%n", p.survivesFailures().isPresent()
                ? p.survivesFailures().getAsInt() + " more host failure" + (p.survivesFailures().getAsInt() == 1
                        ? "" : "s") + " (" + p.survivalRule() + ")" : "unknown (" + p.survivalRule() + ")"));
        out.append(String.format("view      %s%n", p.viewedFrom().isPresent() ? "host " + p.viewedFrom().getAsInt()
                + "'s section" + (p.viewedFrom().getAsInt() == p.local().index() ? " (this host)" : "")
                : "no running host's section"));
        out.append('\n');
        out.append(String.format("%-5s %-9s %-6s %-12s %-7s %-7s %-16s %s%n", "HOST", "STATE", "ARMED", "SEES",
                "HB AGE", "SF AGE", "ADDRESS", "UUID"));
        for (HostPicture h : p.hosts()) {
            out.append(String.format("%-5s %-9s %-6s %-12s %-7s %-7s %-16s %s%n", h.index() + (h.local() ? "*" : ""),
                    h.state().word(),
                    h.armed().map(a -> a ? "yes" : "NO").orElse("-"),
                    h.sees().isEmpty() ? "-" : h.sees().indexes().mapToObj(Integer::toString)
                            .collect(Collectors.joining(",")),
                    h.heartbeatAgeShare().map(PoolStatusView::share).orElse("-"),
                    h.statefileAgeShare().map(PoolStatusView::share).orElse("-"), h.address(), h.uuid().dashed()));
        }
        out.append("(* this host; ages are shares of HeartbeatTimeout and StateFileTimeout: 1.00 = timed out)\n");
        out.append('\n');
        if (p.warnings().isEmpty()) {
            out.append("no warnings: the pool is healthy\n");
        } else {
            out.append("WARNINGS\n");
            for (PoolWarning w : p.warnings()) {
                out.append("  ").append(w.code().code()).append(": ").append(w.message()).append('\n');
                out.append("    fix: ").append(w.fix()).append('\n');
            }
        }
        return out.toString();
    }

    private static String share(double d) {
        return String.format("%.2f", d);
    }

    private static String host(OptionalInt index) {
        return index.isPresent() ? "host " + index.getAsInt() : "none";
    }

    private static Object boxed(OptionalInt i) {
        return i.isPresent() ? (Object) i.getAsInt() : null;
    }

    private static List<Integer> indexes(HostSet set) {
        return set.indexes().boxed().toList();
    }
}
