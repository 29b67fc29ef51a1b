package org.xcp.clusterstack.poolstatus;

import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;

/**
 * One configured host in the picture.
 *
 * @param armed whether its fencing is armed: known for this host only (its daemon says), empty for the others
 * @param sees the hosts its own section lists as live (its current liveset)
 * @param heartbeatAgeShare how long ago the viewing host last heard it, as a share of HeartbeatTimeout (1 = timed
 *        out); empty when no running host's section tells
 * @param statefileAgeShare how long ago the viewing host last saw it update its section, as a share of
 *        StateFileTimeout
 * @param running whether its daemon still runs by the evidence (this host: its daemon answers; the others: their
 *        section was updated within StateFileTimeout)
 */
public record HostPicture(int index, HaUuid uuid, String address, boolean local, HostState state,
        Optional<Boolean> armed, HostSet sees, Optional<Double> heartbeatAgeShare, Optional<Double> statefileAgeShare,
        boolean excludedFlag, boolean startingFlag, boolean requestsLock, boolean running) {
    public HostPicture {
        Objects.requireNonNull(uuid);
        Objects.requireNonNull(state);
        Objects.requireNonNull(armed);
        Objects.requireNonNull(sees);
    }
}
