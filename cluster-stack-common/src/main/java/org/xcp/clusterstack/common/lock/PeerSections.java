package org.xcp.clusterstack.common.lock;

import java.util.Optional;
import org.xcp.clusterstack.api.statefile.HostSection;

/** What an engine last read of the other hosts' statefile sections, as the master lock needs it. */
public interface PeerSections {
    /** Host {@code index}'s section as last read, if it was readable. */
    Optional<HostSection> section(int index);

    /** Host {@code index}'s sequence number as last read (-1 before the first read). */
    long sequence(int index);
}
