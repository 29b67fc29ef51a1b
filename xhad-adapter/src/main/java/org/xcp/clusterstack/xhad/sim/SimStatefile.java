package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
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
import org.xcp.clusterstack.common.core.Action;
import org.xcp.clusterstack.xhad.core.XhadCore;

/**
 * The statefile access cycles of spec §5.5 on the pool's in-memory statefile, exactly as
 * {@code StatefileIo.cycle} does them on disk: write the host's own section, apply the global change
 * field-wise to the global section as it is now, read back the global section and every configured host's
 * section. Sections go through the on-disk codec, so what a core reads is what the bytes say.
 *
 * <p>Faults, per host: I/O errors (the cycle fails at once: nothing written, nothing read), slowness (the
 * cycle stays in flight and its I/O happens, and is reported, only after a delay) and loss of the whole
 * statefile (the cycle hangs until the statefile comes back, then completes). For every host at once: the
 * storage gone (I/O errors everywhere, as a failed SR returns EIO) or hanging. A hung host's finished cycle
 * waits for it to resume; a dead host's is dropped.
 */
final class SimStatefile {
    private record InFlight(SimHost host, Action.StatefileCycle cycle, long issued, long due) {
    }

    private final SimulatedPool pool;
    private final boolean[] errors;
    private final boolean[] lost;
    private final Duration[] slowness;
    private boolean allLost;
    private boolean allErrors;
    private final Map<Integer, InFlight> inFlight = new LinkedHashMap<>();

    /** When each host last wrote its section (virtual time). */
    private final Map<Integer, java.time.Duration> lastWrite = new java.util.HashMap<>();

    Optional<java.time.Duration> lastWrite(int host) {
        return Optional.ofNullable(lastWrite.get(host));
    }

    SimStatefile(SimulatedPool pool, int hosts) {
        this.pool = pool;
        this.errors = new boolean[hosts];
        this.lost = new boolean[hosts];
        this.slowness = new Duration[hosts];
        Arrays.fill(slowness, Duration.ZERO);
    }

    // ---- faults ----

    void ioErrors(int host, boolean on) {
        errors[host] = on;
    }

    void slow(int host, Duration delay) {
        slowness[host] = delay;
    }

    void lose(int host) {
        lost[host] = true;
    }

    /** The statefile's storage is gone for every host: every cycle fails with an I/O error. */
    void loseAll() {
        allErrors = true;
    }

    /** Every host's statefile I/O hangs until restored. */
    void hangAll() {
        allLost = true;
    }

    /** The statefile is back for {@code host}: a cycle stuck on it completes now. */
    void restore(int host) {
        lost[host] = false;
        errors[host] = false;
        slowness[host] = Duration.ZERO;
        unstick();
    }

    /** Every host sees a healthy statefile again. */
    void restoreAll() {
        allLost = false;
        allErrors = false;
        Arrays.fill(lost, false);
        Arrays.fill(errors, false);
        Arrays.fill(slowness, Duration.ZERO);
        unstick();
    }

    private boolean failing(int host) {
        return allErrors || errors[host];
    }

    boolean reachable(int host) {
        return !allLost && !lost[host];
    }

    // ---- cycles ----

    /** Starts a cycle; the core's answer when it completes at once, else empty (see {@link #due}). */
    Optional<List<Action>> issue(SimHost h, Action.StatefileCycle c) {
        long now = pool.nanos();
        int i = h.index();
        if (!reachable(i)) {
            inFlight.put(i, new InFlight(h, c, now, Long.MAX_VALUE));
            return Optional.empty();
        }
        if (slowness[i].isZero() || failing(i)) {
            return Optional.of(complete(new InFlight(h, c, now, now)));
        }
        inFlight.put(i, new InFlight(h, c, now, now + slowness[i].toNanos()));
        return Optional.empty();
    }

    /** Completes the cycles whose I/O has finished, for hosts that take turns; each with the core's answer. */
    List<Map.Entry<SimHost, List<Action>>> due() {
        long now = pool.nanos();
        List<Map.Entry<SimHost, List<Action>>> done = new ArrayList<>();
        for (Iterator<InFlight> it = inFlight.values().iterator(); it.hasNext();) {
            InFlight f = it.next();
            if (!f.host().running()) {
                it.remove(); // the host died or its daemon ended: nobody waits for this I/O
            } else if (f.due() <= now && f.host().active()) {
                it.remove();
                done.add(Map.entry(f.host(), complete(f)));
            }
        }
        return done;
    }

    private void unstick() {
        long now = pool.nanos();
        inFlight.replaceAll((i, f) -> f.due() == Long.MAX_VALUE && reachable(i)
                ? new InFlight(f.host(), f.cycle(), f.issued(), now) : f);
    }

    private List<Action> complete(InFlight f) {
        SimHost h = f.host();
        long now = pool.nanos();
        if (failing(h.index())) {
            return h.core().onStatefileRead(false, false, Optional.empty(), List.of(), now - f.issued(), now);
        }
        HostSection own = StatefileCodec.decodeHost(StatefileCodec.encodeHost(f.cycle().own()));
        pool.write(pool.statefile().withHost(h.index(), own));
        lastWrite.put(h.index(), pool.time());
        boolean changed = !f.cycle().change().isEmpty() && writeChange(f.cycle().change());
        GlobalSection global = pool.global();
        List<HostSection> hosts = pool.statefile().hosts().subList(0, pool.setup().hosts());
        return h.core().onStatefileRead(true, changed, Optional.of(global), List.copyOf(hosts), now - f.issued(), now);
    }

    /** StatefileIo.writeChange: refuse to write over a global section that is not intact. */
    private boolean writeChange(Action.GlobalChange change) {
        GlobalSection g = pool.global();
        if (!g.faults(Optional.empty()).isEmpty()) {
            return false;
        }
        g = change.apply(g); // as StatefileIo applies it, field by field over what is on disk
        pool.write(pool.statefile().withGlobal(StatefileCodec.decodeGlobal(StatefileCodec.encodeGlobal(g))));
        return true;
    }
}
