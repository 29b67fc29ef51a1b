package org.xcp.clusterstack.whatif;

import java.util.List;

/**
 * {@code simulate}'s what-if: the faults, injected at one instant into this pool as it is now, on the simulator that
 * runs the stack's own pure core. The same pool and faults always give the same prediction.
 */
public final class WhatIf {
    private WhatIf() {
    }

    /** The prediction for {@code faults} (hosts by index) on the pool {@code now}. */
    public static Prediction predict(PoolNow now, List<Fault> faults) {
        for (Fault f : faults) {
            for (int h : f.kind() == Fault.Kind.CUT ? new int[] {f.host(), f.other()} : new int[] {f.host()}) {
                if (h >= now.hosts()) {
                    throw new IllegalArgumentException("host " + h + " is not one of the pool's " + now.hosts());
                }
            }
        }
        return now.stack().equals("xhad") ? new XhadWhatIf(now, faults).predict()
                : new ManagedWhatIf(now, faults).predict();
    }
}
