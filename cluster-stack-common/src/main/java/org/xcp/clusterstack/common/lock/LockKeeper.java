package org.xcp.clusterstack.common.lock;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.GlobalSection;

/**
 * This host's side of the master lock (spec §7.6): whether it asks, whom it grants, and when it may say
 * TRUE or FALSE. Everything it knows of the others comes from their statefile sections. Every engine that
 * keeps the lock in the statefile (the native xhad engine, and the daemon host for stacks on an external
 * manager) uses this one implementation.
 *
 * <p>Beyond the spec's grant rule it keeps three promises, each needed for "exactly one TRUE" when hosts
 * decide from views one statefile cycle old (the simulator found the cases): a confirmed holder grants
 * only itself; a host answers TRUE only once every member has written its section twice after this host's
 * request reached the disk; and it answers FALSE only once the holder's name is in the master field.
 */
public final class LockKeeper {
    /** What to do about waiting proposals after this step. */
    public enum Verdict { WAIT, ANSWER_FALSE, WRITE_MASTER, ANSWER_TRUE }

    private final int me;
    private final HaUuid myId;
    private final DaemonConfig config;
    private final PeerSections peers;
    private final Map<Integer, Long> sequenceAtRequest = new HashMap<>();
    private boolean requesting;
    private boolean requestInCycle;
    private boolean requestOnDisk;
    private boolean holding;
    private HostSet grants = HostSet.EMPTY;

    public LockKeeper(DaemonConfig config, PeerSections peers) {
        this.config = config;
        this.peers = peers;
        this.me = config.localHost().index();
        this.myId = config.local().hostId();
    }

    public boolean requesting() {
        return requesting;
    }

    /** This host has taken the lock: it grants only itself and answers TRUE once its name is in the master field. */
    public boolean holding() {
        return holding;
    }

    public HostSet grants() {
        return grants;
    }

    /** Starts asking; the other members' sequences are noted once the request is on disk. */
    public void request() {
        requesting = true;
    }

    /**
     * Stops asking after a FALSE or a wait given up (xhad's lock manager cancels after a lost wait): the others
     * stop granting to this host at their next read. A holder keeps holding: it has answered TRUE.
     */
    public void cancel() {
        if (holding) {
            return;
        }
        requesting = false;
        requestOnDisk = false;
        sequenceAtRequest.clear();
    }

    /** A statefile cycle starts: remember whether its own-section write carries the request. */
    public void cycleStarted() {
        requestInCycle = requesting;
    }

    /** After a cycle's reads: the first read after the request reached the disk notes every member's sequence. */
    public void statefileRead(boolean ownWritten, HostSet live) {
        if (ownWritten && requestInCycle && !requestOnDisk) {
            requestOnDisk = true;
            sequenceAtRequest.clear();
            live.indexes().filter(i -> i != me).forEach(i -> sequenceAtRequest.put(i, peers.sequence(i)));
        }
    }

    /** Recomputes my grants and, when proposals wait, says how to answer them. */
    public Verdict step(HostSet live, GlobalSection global, boolean proposalsWaiting) {
        HostSet requesters = HostSet.EMPTY;
        for (int i : live.toArray()) {
            boolean asks = i == me ? requesting : peers.section(i).map(s -> s.lockRequest() != 0).orElse(false);
            if (asks) {
                requesters = requesters.with(i);
            }
        }
        grants = MasterLock.grantsOf(me, requesters, live, grants, holding);
        if (!proposalsWaiting) {
            return Verdict.WAIT;
        }
        if (heldByAnother(live, global)) {
            return Verdict.ANSWER_FALSE;
        }
        Optional<Integer> holder = holder(live);
        if (holder.isEmpty() || holder.get() != me || !confirmed() && !holding) {
            return Verdict.WAIT;
        }
        holding = true; // from now on this host grants only itself: nobody can take the lock over
        grants = HostSet.of(me);
        return global.masterHost().equals(Optional.of(myId)) ? Verdict.ANSWER_TRUE : Verdict.WRITE_MASTER;
    }

    /**
     * Another live host holds the lock and has said so on disk: every member grants it and the global
     * master field names it (a holder writes it before answering TRUE). A holder seen only through grants
     * may be a stale view, and answering FALSE on it could leave the pool with no master at all.
     */
    public boolean heldByAnother(HostSet live, GlobalSection global) {
        return holder(live).filter(h -> h != me)
                .map(h -> global.masterHost().equals(Optional.of(config.hosts().get(h).id()))).orElse(false);
    }

    private Optional<Integer> holder(HostSet live) {
        HostSet mine = grants;
        return MasterLock.holder(live, i -> i == me ? mine
                : peers.section(i).map(s -> s.lockGrantWithin(config.hostCount())).orElse(HostSet.EMPTY));
    }

    /** Every other member wrote its section twice since my request was on disk (or it restarted since). */
    private boolean confirmed() {
        return requestOnDisk && sequenceAtRequest.entrySet().stream().allMatch(e ->
                peers.sequence(e.getKey()) >= e.getValue() + 2 || peers.sequence(e.getKey()) < e.getValue());
    }
}
