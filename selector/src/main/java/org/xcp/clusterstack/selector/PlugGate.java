package org.xcp.clusterstack.selector;

import java.util.List;

/**
 * The {@code PBD.plug} gate (selector.md §9), on any host: with HA on, an SR whose driver is constrained
 * may be plugged only if the running stack is one of its alternatives. With HA off nothing is checked, as in
 * xapi (the optional hardening of §9 is not implemented: it is off in xapi's mode and by default).
 */
public final class PlugGate {
    private PlugGate() {
    }

    /**
     * @param srRef the SR whose PBD is being plugged
     * @throws SelectorError {@code INCOMPATIBLE_CLUSTER_STACK_ACTIVE [alternatives comma-joined]},
     *     {@code INTERNAL_ERROR} if no driver has the SR's type, {@code HANDLE_INVALID} for an unknown SR
     */
    public static void check(PoolSnapshot pool, PoolRecord ha, String srRef) {
        Sr sr = pool.sr(srRef).orElseThrow(() -> SelectorError.handleInvalid("SR", srRef));
        if (!ha.haEnabled()) {
            return;
        }
        List<String> alternatives = pool.drivers().constraintListOf(sr);
        if (alternatives.isEmpty() || alternatives.contains(ha.haClusterStack())) {
            return;
        }
        // xapi sends the driver's whole list, in driver order, duplicates kept: naming one would hide the others.
        throw new SelectorError(XenApiErrorCode.INCOMPATIBLE_CLUSTER_STACK_ACTIVE,
                List.of(String.join(",", alternatives)), "SR " + sr.ref() + " of type " + Quote.quote(sr.type())
                        + " needs one of " + Quote.list(alternatives) + " but HA runs "
                        + Quote.quote(ha.haClusterStack()));
    }
}
