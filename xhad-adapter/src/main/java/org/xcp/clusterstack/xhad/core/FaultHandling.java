package org.xcp.clusterstack.xhad.core;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.SmPhase;

/**
 * What {@link XhadCore} needs of a fault handler (spec §7.3): ours, {@link FaultHandler}; the simulator also
 * plugs in a model of C xhad's, to prove that mixed pools handle faults together.
 */
interface FaultHandling {
    /** The phase this host publishes. */
    SmPhase phase();

    /** A round is under way (joiners wait, heartbeats and statefile accelerate). */
    boolean running();

    /** Heartbeats carry {@code fence_request} (spec §7.5). */
    boolean fenceRequest();

    /** The hosts being removed while FH4 waits. */
    Optional<HostSet> leaving();

    /** One tick; true when the phase changed. */
    boolean step(FaultHandler.Situation s, long now, List<FaultHandler.Effect> out);
}
