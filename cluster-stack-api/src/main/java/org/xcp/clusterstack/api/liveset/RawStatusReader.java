package org.xcp.clusterstack.api.liveset;

import java.util.ArrayList;
import java.util.List;
import org.xcp.clusterstack.api.liveset.XmlTree.Element;

/** {@code raw_status_on_local_host} with xapi's rules: every latency and every host's core fields. */
final class RawStatusReader {
    private RawStatusReader() {
    }

    static RawStatus read(Element element) {
        LeafTable table = LeafTable.of(element, "<raw_status_on_local_host>");
        Latency statefile = latency(table, "statefile_latency");
        Latency heartbeat = latency(table, "heartbeat_latency");
        Latency healthcheck = latency(table, "Xapi_healthcheck_latency");
        List<HostRawData> hosts = new ArrayList<>();
        for (Element host : element.elements("host_raw_data")) {
            hosts.add(host(host, "<host_raw_data> #" + (hosts.size() + 1)));
        }
        return new RawStatus(statefile, heartbeat, healthcheck, hosts);
    }

    private static Latency latency(LeafTable table, String name) {
        return new Latency(table.requireInt(name), table.requireInt(name + "_max"), table.requireInt(name + "_min"));
    }

    private static HostRawData host(Element host, String where) {
        LeafTable table = LeafTable.of(host, where);
        return new HostRawData(
                table.requireUuid("HostID"),
                table.optionalIndex("HostIndex"),
                table.requireInt("time_since_last_update_on_statefile"),
                table.requireInt("time_since_last_heartbeat"),
                table.requireInt("time_since_xapi_restart_first_attempted"),
                errorString(host),
                table.requireUuidList("heartbeat_active_list_on_heartbeat"),
                table.requireUuidList("heartbeat_active_list_on_statefile"),
                table.optionalUuidList("statefile_active_list_on_heartbeat"),
                table.optionalUuidList("statefile_active_list_on_statefile"));
    }

    /**
     * xapi ignores {@code xapi_error_string}. It is read untrimmed, so that what the writer printed
     * comes back unchanged; the last plain-text one wins, as names do in the leaf table.
     */
    private static String errorString(Element host) {
        String result = "";
        for (Element candidate : host.elements("xapi_error_string")) {
            if (!candidate.hasElementChildren()) {
                result = candidate.text();
            }
        }
        return result;
    }
}
