package org.xcp.clusterstack.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xcp.clusterstack.api.config.ConfiguredHost;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.config.DaemonParameters;
import org.xcp.clusterstack.api.config.Parameter;

/** What {@code config check} shows of a valid config: hosts with their index, timeouts, statefile. */
record ConfigSummary(Path file, DaemonConfig config) {

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(file).append(": valid xhad.conf\n");
        out.append(String.format("  generation   %s%n", config.generation()));
        out.append(String.format("  UDP port     %d%n", config.udpPort()));
        out.append(String.format("  hosts        %d (index by sorted UUID)%n", config.hostCount()));
        for (ConfiguredHost h : config.hosts()) {
            out.append(String.format("    %2d  %s  %-15s%s%n", h.index(), h.id(), h.address().getHostAddress(),
                    h.equals(config.localHost()) ? "  <- local host" : ""));
        }
        out.append(String.format("  heartbeat    %s%s%n", config.local().heartbeatInterface(),
                config.local().heartbeatPhysicalInterface().map(p -> " (physical " + p + ")").orElse("")));
        out.append(String.format("  statefile    %s%n", config.local().stateFile()));
        out.append(String.format("  watchdog     %s%n", config.local().watchdogMode()));
        out.append("  timeouts (s)");
        DaemonParameters p = config.parameters();
        int column = 0;
        for (Parameter parameter : Parameter.values()) {
            if (parameter == Parameter.XAPI_LICENSE_CHECK_TIMEOUT) {
                continue; // never used by the daemon
            }
            out.append(column++ % 4 == 0 ? "\n    " : "  ");
            out.append(String.format("%-13s", parameter.symbol() + " " + p.get(parameter)));
        }
        out.append('\n');
        return out.toString().replaceAll(" +\n", "\n"); // column padding never leaves trailing blanks
    }

    Map<String, Object> json() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("file", file.toString());
        view.put("generation_uuid", config.generation().dashed());
        view.put("udp_port", config.udpPort());
        List<Map<String, Object>> hosts = config.hosts().stream().map(h -> {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("index", h.index());
            host.put("host_id", h.id().dashed());
            host.put("ip_address", h.address().getHostAddress());
            host.put("local", h.equals(config.localHost()));
            return host;
        }).toList();
        view.put("hosts", hosts);
        Map<String, Object> local = new LinkedHashMap<>();
        local.put("host_id", config.local().hostId().dashed());
        local.put("host_index", config.localHost().index());
        local.put("heartbeat_interface", config.local().heartbeatInterface());
        local.put("heartbeat_physical_interface", config.local().heartbeatPhysicalInterface().orElse(null));
        local.put("statefile", config.local().stateFile().toString());
        local.put("watchdog_mode", config.local().watchdogMode().name());
        view.put("local", local);
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (Parameter parameter : Parameter.values()) {
            parameters.put(parameter.element(), config.parameters().get(parameter));
        }
        view.put("parameters", parameters);
        return view;
    }
}
