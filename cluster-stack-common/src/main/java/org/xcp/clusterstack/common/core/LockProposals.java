package org.xcp.clusterstack.common.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;
import org.xcp.clusterstack.common.lock.LockKeeper;
import org.xcp.clusterstack.common.lock.PeerSections;

/**
 * {@code ha_propose_master} (spec §1.8, §7.6) over the lock kept in the statefile by {@link LockKeeper}: FALSE at
 * once, without asking, while another host holds the lock; otherwise ask and wait until someone holds it. Every
 * proposal is answered: TRUE once this host's name is in the master field, FALSE when another host took the lock
 * or nobody did within {@link #limitNanos()} (then the request is cancelled, as xhad cancels after a lost wait;
 * a host that holds the lock and is named in the master field answers TRUE then), 8 when statefile access is lost
 * meanwhile.
 */
final class LockProposals {
    private final LockKeeper lock;
    private final HaUuid myId;
    private final int me;
    private final long limitNanos;
    private final List<Long> waiting = new ArrayList<>();
    private long deadline;

    LockProposals(DaemonConfig config, PeerSections peers, long limitNanos) {
        this.lock = new LockKeeper(config, peers);
        this.myId = config.local().hostId();
        this.me = config.localHost().index();
        this.limitNanos = limitNanos;
    }

    LockKeeper lock() {
        return lock;
    }

    long limitNanos() {
        return limitNanos;
    }

    boolean waiting() {
        return !waiting.isEmpty();
    }

    /** A proposal; returns true when it waits (the statefile should accelerate). */
    boolean propose(long id, HostSet live, GlobalSection global, long now, List<Action> out) {
        if (lock.heldByAnother(live, global)) {
            out.add(new Action.Reply(id, ExitCode.SUCCESS, "FALSE\n"));
            return false;
        }
        if (waiting.isEmpty()) {
            deadline = now + limitNanos;
        }
        lock.request();
        waiting.add(id);
        return true;
    }

    /** After each tick: recompute the grants and answer the proposals that can be answered; true to write now. */
    boolean step(HostSet live, GlobalSection global, boolean hasStatefile, long now, StatefileWrites writes,
            List<Action> out) {
        switch (lock.step(live, global, !waiting.isEmpty())) {
            case ANSWER_FALSE -> {
                lock.cancel(); // xhad never asks while another host holds the lock
                answer(ExitCode.SUCCESS, "FALSE\n", out);
            }
            case ANSWER_TRUE -> {
                answer(ExitCode.SUCCESS, "TRUE\n", out);
                out.add(new Action.Log("master lock held by this host (index " + me + ")"));
            }
            case WRITE_MASTER -> {
                return writes.master(myId); // TRUE once the master field is on disk
            }
            case WAIT -> {
                if (waiting.isEmpty()) {
                    return false;
                }
                if (!hasStatefile) {
                    lock.cancel();
                    out.add(new Action.Log("propose_master: statefile access lost while waiting for the lock"));
                    answer(ExitCode.CAN_NOT_ACCESS_STATEFILE, "", out);
                } else if (now >= deadline) {
                    if (lock.holding() && global.masterHost().equals(Optional.of(myId))) {
                        // still the holder, named on disk: no other host can answer TRUE while it grants only
                        // itself (a member whose daemon restarted grants nobody and leaves the lock unconfirmed)
                        answer(ExitCode.SUCCESS, "TRUE\n", out);
                        return false;
                    }
                    lock.cancel();
                    out.add(new Action.Log("propose_master: nobody took the lock within " + limitNanos / 1_000_000_000L
                            + " s: FALSE, request cancelled"));
                    answer(ExitCode.SUCCESS, "FALSE\n", out);
                }
            }
        }
        return false;
    }

    /** The daemon is going: every waiting proposal hears 14. */
    void abandon(List<Action> out) {
        answer(ExitCode.DAEMON_IS_NOT_PRESENT, "", out);
    }

    private void answer(ExitCode code, String stdout, List<Action> out) {
        waiting.forEach(id -> out.add(new Action.Reply(id, code, stdout)));
        waiting.clear();
    }
}
