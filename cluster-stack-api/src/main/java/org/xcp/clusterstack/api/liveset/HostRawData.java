package org.xcp.clusterstack.api.liveset;

import java.util.List;
import java.util.Objects;
import org.xcp.clusterstack.api.HaUuid;

/**
 * One {@code <host_raw_data>}: how the local daemon last heard of one host (spec §4.1). Times are in
 * milliseconds, -1 meaning never / not restarting. The four lists hold that host's hbdomain and
 * sfdomain as carried by its heartbeats and by its statefile section.
 */
public record HostRawData(
        HaUuid id,
        int index,
        long msSinceStatefileUpdate,
        long msSinceHeartbeat,
        long msSinceXapiRestartFirstAttempted,
        String xapiErrorString,
        List<HaUuid> heartbeatActiveOnHeartbeat,
        List<HaUuid> heartbeatActiveOnStatefile,
        List<HaUuid> statefileActiveOnHeartbeat,
        List<HaUuid> statefileActiveOnStatefile) {

    public static final long NEVER = -1;

    public HostRawData {
        Objects.requireNonNull(id, "id");
        OcamlRange.checkIndex("host index", index);
        OcamlRange.check("time_since_last_update_on_statefile", msSinceStatefileUpdate);
        OcamlRange.check("time_since_last_heartbeat", msSinceHeartbeat);
        OcamlRange.check("time_since_xapi_restart_first_attempted", msSinceXapiRestartFirstAttempted);
        Objects.requireNonNull(xapiErrorString, "xapiErrorString");
        heartbeatActiveOnHeartbeat = List.copyOf(heartbeatActiveOnHeartbeat);
        heartbeatActiveOnStatefile = List.copyOf(heartbeatActiveOnStatefile);
        statefileActiveOnHeartbeat = List.copyOf(statefileActiveOnHeartbeat);
        statefileActiveOnStatefile = List.copyOf(statefileActiveOnStatefile);
    }
}
