package org.xcp.clusterstack.daemon.managed.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.api.statefile.HostSection;
import org.xcp.clusterstack.api.statefile.StatefileCodec;
import org.xcp.clusterstack.api.statefile.StatefileImage;
import org.xcp.clusterstack.common.core.Action;

/**
 * The statefile access cycles of spec §5.5 on the pool's in-memory statefile, as {@code StatefileIo.cycle} does
 * them on disk: write the host's own section, apply the global change field-wise to the global section as it is
 * now (not over a section that is not intact), read back the global section and every configured host's section,
 * all through the on-disk codec. Faults per host: I/O errors (the cycle fails: nothing written, nothing read) and
 * slowness (the cycle's I/O happens, and is reported, only after a delay; the core stops petting if it is stuck
 * past Ws − Wh).
 */
final class ManagedStatefile {
    private record InFlight(ManagedRun run, Action.StatefileCycle cycle, long issued, long due) {
    }

    private final ManagedPool pool;
    private final boolean[] errors;
    private final long[] slowness;
    private final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();
    private StatefileImage image;

    ManagedStatefile(ManagedPool pool, int hosts, StatefileImage initial) {
        this.pool = pool;
        this.errors = new boolean[hosts];
        this.slowness = new long[hosts];
        this.image = initial;
    }

    StatefileImage image() {
        return image;
    }

    /** Something other than a daemon writes the global section (a script without a daemon, another pool). */
    void writeGlobal(GlobalSection g) {
        image = image.withGlobal(StatefileCodec.decodeGlobal(StatefileCodec.encodeGlobal(g)));
    }

    void errors(int host, boolean on) {
        errors[host] = on;
    }

    void slow(int host, long nanos) {
        slowness[host] = nanos;
    }

    /** Whether cycles on host i fail or are slow now: for the invariants' bounds. */
    boolean troubled(int host) {
        return errors[host] || slowness[host] > 0;
    }

    /** Starts a cycle; the core's answer when it completes at once, else empty (see {@link #due}). */
    Optional<List<Action>> issue(ManagedRun r, Action.StatefileCycle c) {
        long now = pool.nanos();
        int i = r.index;
        if (slowness[i] == 0 || errors[i]) {
            return Optional.of(complete(new InFlight(r, c, now, now)));
        }
        inFlight.put(i, new InFlight(r, c, now, now + slowness[i]));
        return Optional.empty();
    }

    /** The cycles whose I/O has finished, each with the core's answer; a gone daemon's are dropped. */
    List<Map.Entry<ManagedRun, List<Action>>> due() {
        long now = pool.nanos();
        List<Map.Entry<ManagedRun, List<Action>>> done = new ArrayList<>();
        for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext();) {
            InFlight f = it.next();
            if (!f.run().running()) {
                it.remove();
            } else if (f.due() <= now) {
                it.remove();
                done.add(Map.entry(f.run(), complete(f)));
            }
        }
        return done;
    }

    private List<Action> complete(InFlight f) {
        ManagedRun r = f.run();
        long now = pool.nanos();
        if (errors[r.index]) {
            return r.core().onStatefileRead(false, false, Optional.empty(), List.of(), now - f.issued(), now);
        }
        HostSection own = StatefileCodec.decodeHost(StatefileCodec.encodeHost(f.cycle().own()));
        image = image.withHost(r.index, own);
        boolean changed = !f.cycle().change().isEmpty() && writeChange(f.cycle().change());
        List<HostSection> hosts = image.hosts().subList(0, pool.setup().hosts());
        return r.core().onStatefileRead(true, changed, Optional.of(image.global()), List.copyOf(hosts),
                now - f.issued(), now);
    }

    private boolean writeChange(Action.GlobalChange change) {
        GlobalSection g = image.global();
        if (!g.faults(Optional.empty()).isEmpty()) {
            return false;
        }
        g = change.apply(g); // as StatefileIo applies it, field by field over what is on disk
        writeGlobal(g);
        return true;
    }

    void clear() {
        Arrays.fill(errors, false);
        Arrays.fill(slowness, 0);
    }
}
