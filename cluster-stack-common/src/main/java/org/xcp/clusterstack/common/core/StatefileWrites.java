package org.xcp.clusterstack.common.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.statefile.PoolState;

/**
 * What the scripts and the lock wait to see on disk (spec §5.5): global changes (pool state, master) and this host's
 * own section (the excluded flag), each carried by the next statefile cycle and retried by the one after when a
 * write fails. A script hears SUCCESS once its change is on disk, 8 when statefile access is lost first, 14 when
 * the daemon ends first: it never waits without bound.
 */
final class StatefileWrites {
    private Optional<PoolState> pendingPoolState = Optional.empty();
    /** The pending pool state is the first liveset's ACTIVE, queued by nobody's request. */
    private boolean pendingActivation;
    private Optional<Optional<HaUuid>> pendingMaster = Optional.empty();
    private Action.GlobalChange inFlight = Action.GlobalChange.NONE;
    private final List<Long> globalWaiters = new ArrayList<>();
    private final List<Long> ownWaiters = new ArrayList<>();
    private final List<Long> inFlightGlobalWaiters = new ArrayList<>();
    private final List<Long> inFlightOwnWaiters = new ArrayList<>();
    /** ha_set_excluded set the flag: once the section carrying it is on disk, the daemon ends (19, §7.7). */
    private boolean endAfterOwnWrite;
    private boolean endAfterCycle;

    /** {@code ha_set_pool_state} (request {@code id}). */
    void poolState(long id, PoolState state) {
        pendingPoolState = Optional.of(state);
        pendingActivation = false;
        globalWaiters.add(id);
    }

    /** The first liveset makes INIT ACTIVE (spec §7.8): written over INIT only, no one waiting. */
    void activation() {
        if (pendingPoolState.isEmpty()) {
            pendingPoolState = Optional.of(PoolState.ACTIVE);
            pendingActivation = true;
        }
    }

    /** {@code ha_set_excluded}/{@code ha_clear_excluded}: request {@code id} waits for this host's next section. */
    void ownSection(long id, boolean thenEnd) {
        ownWaiters.add(id);
        endAfterOwnWrite = thenEnd;
    }

    /** The lock's holder writes its name in the master field before answering TRUE; false if already on its way. */
    boolean master(HaUuid holder) {
        if (pendingMaster.isPresent() || inFlight.master().isPresent()) {
            return false;
        }
        pendingMaster = Optional.of(Optional.of(holder));
        return true;
    }

    /** A pool-state change of mine is queued or in flight: INIT read back is mine, not a re-initialisation. */
    boolean poolStateChanging() {
        return pendingPoolState.isPresent() || inFlight.poolState().isPresent();
    }

    /** A cycle starts: everything queued goes with it. */
    Action.GlobalChange begin() {
        inFlight = new Action.GlobalChange(pendingPoolState, pendingMaster, pendingActivation);
        pendingPoolState = Optional.empty();
        pendingActivation = false;
        pendingMaster = Optional.empty();
        inFlightGlobalWaiters.addAll(globalWaiters);
        globalWaiters.clear();
        inFlightOwnWaiters.addAll(ownWaiters);
        ownWaiters.clear();
        endAfterCycle = endAfterOwnWrite;
        return inFlight;
    }

    /** The cycle is done: the waiters of what was written hear SUCCESS, the rest goes with the next cycle. */
    void finished(boolean ownWritten, boolean globalWritten, List<Action> out) {
        if (ownWritten) {
            replyAll(inFlightOwnWaiters, ExitCode.SUCCESS, out);
        } else {
            ownWaiters.addAll(inFlightOwnWaiters);
            inFlightOwnWaiters.clear();
            endAfterCycle = false;
        }
        if (globalWritten) {
            replyAll(inFlightGlobalWaiters, ExitCode.SUCCESS, out);
        } else {
            if (pendingPoolState.isEmpty()) {
                pendingPoolState = inFlight.poolState();
                pendingActivation = inFlight.activation();
            }
            if (pendingMaster.isEmpty()) {
                pendingMaster = inFlight.master();
            }
            globalWaiters.addAll(inFlightGlobalWaiters);
            inFlightGlobalWaiters.clear();
        }
        inFlight = Action.GlobalChange.NONE;
    }

    /** The section that carried the excluded flag is on disk. */
    boolean endsNow() {
        return endAfterCycle;
    }

    boolean anyoneWaiting() {
        return !globalWaiters.isEmpty() || !ownWaiters.isEmpty() || !inFlightGlobalWaiters.isEmpty()
                || !inFlightOwnWaiters.isEmpty();
    }

    /** Every script still waiting hears {@code code}: 8 when access is lost, 14 when the daemon ends. */
    void failAll(ExitCode code, List<Action> out) {
        replyAll(globalWaiters, code, out);
        replyAll(ownWaiters, code, out);
        replyAll(inFlightGlobalWaiters, code, out);
        replyAll(inFlightOwnWaiters, code, out);
        endAfterOwnWrite = false;
        endAfterCycle = false;
    }

    private static void replyAll(List<Long> ids, ExitCode code, List<Action> out) {
        ids.forEach(id -> out.add(new Action.Reply(id, code, "")));
        ids.clear();
    }
}
