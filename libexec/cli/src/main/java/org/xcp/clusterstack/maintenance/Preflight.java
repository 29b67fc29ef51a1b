package org.xcp.clusterstack.maintenance;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.xcp.clusterstack.poolstatus.HostPicture;
import org.xcp.clusterstack.poolstatus.HostState;
import org.xcp.clusterstack.poolstatus.PoolAtRest;
import org.xcp.clusterstack.poolstatus.PoolPicture;
import org.xcp.clusterstack.poolstatus.PoolWarning;
import org.xcp.clusterstack.poolstatus.StackRule;
import org.xcp.clusterstack.poolstatus.WarningCode;

/**
 * The checks before this host enters or leaves maintenance, judged on the {@link PoolPicture} that
 * {@code pool status} shows and on the stack's own survival rule. Entering is refused when the pool is not healthy
 * (a warning about the pool's state rather than its design), when the others would not survive one more failure
 * without this host, or when this host holds the master lock (xapi must designate another master first). Leaving
 * only adds a host; it is refused when the pool state forbids a start.
 */
public final class Preflight {
    /** Warnings about how the pool is built, not about its state now: they do not make it unhealthy for this. */
    static final Set<WarningCode> DESIGN = EnumSet.of(WarningCode.TWO_HOST_POOL, WarningCode.TIMEOUT_BELOW_STORAGE,
            WarningCode.SECOND_FENCER, WarningCode.NO_FAILURE_TOLERATED, WarningCode.SURVIVAL_UNKNOWN);

    private Preflight() {
    }

    public static PreflightVerdict enter(PoolPicture pool, StackRule rule) {
        PoolAtRest atRest = pool.atRest();
        HostPicture me = pool.local();
        List<String> refusals = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (me.state() == HostState.EXCLUDED && !me.running()) {
            return new PreflightVerdict(List.of(), List.of("host " + me.index() + " (this host) is already in"
                    + " maintenance: its daemon is stopped and its excluded flag set"), true);
        }
        if (me.state() != HostState.ONLINE) {
            refusals.add("this host's daemon is not Online (" + me.state().word() + "): the steps stop a running"
                    + " member; --force runs them anyway, excluding a host the pool may still wait for");
        }
        List<PoolWarning> state = pool.warnings().stream()
                .filter(w -> !DESIGN.contains(w.code()))
                .filter(w -> !(w.code() == WarningCode.FENCING_DISARMED && w.message().contains("(this host)")))
                .toList();
        if (!state.isEmpty()) {
            refusals.add("the pool is not healthy (" + state.stream().map(w -> w.code().code() + ": " + w.message())
                    .collect(Collectors.joining("; ")) + "); --force takes this host out of a pool already short");
        }
        OptionalInt after = rule.failuresSurvived(atRest.without(me.index()));
        if (after.isEmpty()) {
            refusals.add("cannot tell whether the others would survive one more failure (" + rule.name()
                    + "); --force risks a pool that one failure stops");
        } else if (after.getAsInt() < 1) {
            refusals.add("without this host the pool (" + (atRest.live().size() - 1) + " live host"
                    + (atRest.live().size() == 2 ? "" : "s") + ") would survive no further failure, by "
                    + rule.name() + "; --force risks every remaining host fencing itself on the next failure");
        } else {
            notes.add("without this host the pool survives " + after.getAsInt() + " more host failure"
                    + (after.getAsInt() == 1 ? "" : "s"));
        }
        if (pool.lockHolder().equals(OptionalInt.of(me.index())) || pool.master().equals(OptionalInt.of(me.index()))) {
            refusals.add("this host holds the master lock: xapi must designate another master first"
                    + " (xe pool-designate-new-master host-uuid=<another host>); --force leaves the pool without a"
                    + " master until xapi elects one");
        }
        return new PreflightVerdict(refusals, notes, false);
    }

    public static PreflightVerdict exit(PoolPicture pool) {
        HostPicture me = pool.local();
        List<String> refusals = new ArrayList<>();
        if (me.running() && !me.excludedFlag()) {
            return new PreflightVerdict(List.of(), List.of("host " + me.index() + " (this host) is not in"
                    + " maintenance: its daemon runs (" + me.state().word() + ")"), true);
        }
        if (!pool.poolState().equals("ACTIVE")) {
            refusals.add("the pool state is " + pool.poolState() + ", not ACTIVE: its daemon could not start (11);"
                    + " --force clears the flag and tries anyway");
        }
        List<String> notes = new ArrayList<>();
        if (!me.excludedFlag()) {
            notes.add("this host's excluded flag is already clear");
        }
        return new PreflightVerdict(refusals, notes, false);
    }
}
