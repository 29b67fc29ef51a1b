package org.xcp.clusterstack.xhad.sim;

import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.StatefileCodec;
import org.xcp.clusterstack.xhad.core.Action;

/**
 * One statefile access cycle of spec §5.5 on the pool's in-memory statefile, exactly as
 * {@code StatefileIo.cycle} does it on disk: write the host's own section, apply the global change
 * field-wise to the global section as it is now, read back the global section and every configured
 * host's section. Sections go through the on-disk codec, so what a core reads is what the bytes say.
 */
final class SimStatefile {
    private SimStatefile() {
    }

    static List<Action> cycle(SimulatedPool pool, SimHost h, Action.StatefileCycle c) {
        HostSection own = StatefileCodec.decodeHost(StatefileCodec.encodeHost(c.own()));
        pool.write(pool.statefile().withHost(h.index(), own));
        boolean changed = !c.change().isEmpty() && writeChange(pool, c.change());
        GlobalSection global = pool.global();
        List<HostSection> hosts = pool.statefile().hosts().subList(0, pool.setup().hosts());
        return h.core().onStatefileRead(true, changed, Optional.of(global), List.copyOf(hosts), 0, pool.nanos());
    }

    /** StatefileIo.writeChange: refuse to write over a global section that is not intact. */
    private static boolean writeChange(SimulatedPool pool, Action.GlobalChange change) {
        GlobalSection g = pool.global();
        if (!g.faults(Optional.empty()).isEmpty()) {
            return false;
        }
        if (change.poolState().isPresent()) {
            g = g.withPoolState(change.poolState().get());
        }
        if (change.master().isPresent()) {
            g = g.withMaster(change.master().get());
        }
        pool.write(pool.statefile().withGlobal(StatefileCodec.decodeGlobal(StatefileCodec.encodeGlobal(g))));
        return true;
    }
}
