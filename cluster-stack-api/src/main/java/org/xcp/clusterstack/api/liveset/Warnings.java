package org.xcp.clusterstack.api.liveset;

/** {@code <warning_on_local_host>} (spec §4.1). */
public record Warnings(
        boolean statefileLost,
        boolean heartbeatApproachingTimeout,
        boolean statefileApproachingTimeout,
        boolean xapiHealthcheckApproachingTimeout,
        boolean networkBondingError) {

    public static final Warnings NONE = new Warnings(false, false, false, false, false);
}
