package org.xcp.clusterstack.xhad;

import java.util.List;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.StackContext;
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.common.core.CoreDriver;
import org.xcp.clusterstack.common.core.EngineView;
import org.xcp.clusterstack.common.statefile.StatefileIo;
import org.xcp.clusterstack.xhad.core.XhadCore;
import org.xcp.clusterstack.xhad.heartbeat.Arrival;
import org.xcp.clusterstack.xhad.heartbeat.UdpHeartbeat;

/**
 * The native engine's channel around {@link XhadCore}: heartbeats arrive on the UDP socket and are handed to the
 * driver; the core's {@link XhadCore.SendHeartbeat} actions leave on it. Everything else (the driver thread, the
 * statefile thread, the fencer, the scripts' requests) is the shared {@link CoreDriver}'s.
 */
final class XhadEngine extends CoreDriver<XhadCore> {
    private UdpHeartbeat heartbeat;

    XhadEngine(StackContext context) {
        super(context);
    }

    @Override
    protected XhadCore open(StatefileIo statefile, long now) {
        heartbeat = UdpHeartbeat.open(config, this::offer, context.faults());
        try {
            return new XhadCore(config, statefile.globalAtStart(), statefile.excludedFlag(), now);
        } catch (HaException e) {
            heartbeat.close();
            throw e;
        }
    }

    @Override
    protected List<Action> onEvidence(Object evidence) {
        Arrival a = (Arrival) evidence;
        return core.onHeartbeat(a.packet(), a.receivedNanos());
    }

    @Override
    protected boolean executeOwn(Action action) {
        if (action instanceof XhadCore.SendHeartbeat s) {
            heartbeat.send(s.packet());
            return true;
        }
        return false;
    }

    /** §6.3: a sender that left my hbdomain starts again from sequence 0 when it comes back. */
    @Override
    protected void viewChanged(EngineView before, EngineView after) {
        before.hbdomain().indexes().filter(i -> !after.hbdomain().contains(i)).forEach(heartbeat::resetSequence);
    }

    @Override
    protected void closeChannel() {
        if (heartbeat != null) {
            heartbeat.close();
        }
    }
}
