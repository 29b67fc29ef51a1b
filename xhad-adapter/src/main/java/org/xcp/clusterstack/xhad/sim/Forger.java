package org.xcp.clusterstack.xhad.sim;

import java.util.List;

/**
 * Someone on the wire besides the hosts (the tests' adversary): it hears what each host receives and puts
 * datagrams of its own on the wire, every step ({@link SimulatedPool#attack}).
 */
interface Forger {
    /** What {@code receiverRun}'s socket got from a host (never a forgery). */
    void observe(SimNetwork.Delivery d, int receiverRun);

    /** The datagrams it puts on the wire now. */
    List<SimNetwork.Delivery> forge(long now, SimulatedPool pool);
}
