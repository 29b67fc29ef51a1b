package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.HostSet;

/**
 * Every fault a simulated pool can suffer, injected now (between two steps): hosts crash, hang and resume;
 * links are cut one way or both, degraded, partitioned and healed; the statefile fails, slows down or
 * vanishes for one host or for all. Each injection and heal is written to the fault log and the trace, and
 * moves {@link #lastChange()}, from which invariants measure how long the pool has been quiet.
 */
public final class SimFaults {
    private final SimulatedPool pool;
    private final List<String> log = new ArrayList<>();
    private Optional<Duration> lastChange = Optional.empty();

    SimFaults(SimulatedPool pool) {
        this.pool = pool;
    }

    // ---- hosts ----

    /** The host stops at once: no more turns, packets or I/O; it is dead until started again. */
    public void crash(int i) {
        note(i, "crash");
        pool.host(i).died("crash", pool.time());
    }

    /** SIGSTOP: no turns; an armed host's watchdog resets it Wh after its last refresh. */
    public void hang(int i) {
        note(i, "hang");
        if (pool.host(i).running()) {
            pool.host(i).hang(pool.time());
        }
    }

    /** SIGCONT of a hung host that its watchdog has not reset yet (else nothing happens). */
    public void resume(int i) {
        note(i, "resume" + (pool.host(i).hung() ? "" : " (not hung: nothing to do)"));
        pool.host(i).resume();
    }

    /** A dead (or cleanly ended) host's daemon starts again: a new run. */
    public SimHost restart(int i) {
        note(i, "restart");
        return pool.start(i);
    }

    // ---- the network ----

    /** Cuts every link between different groups; a host in no group is cut off from all. */
    public void partition(HostSet... groups) {
        note(-1, "partition " + Arrays.stream(groups).map(HostSet::toString).collect(Collectors.joining(" | ")));
        pool.network().partition(List.of(groups));
    }

    /** Cuts only {@code from → to}: an asymmetric link. */
    public void cut(int from, int to) {
        note(from, "cut link " + from + " -> " + to);
        pool.network().cut(from, to);
    }

    public void restore(int from, int to) {
        note(from, "restore link " + from + " -> " + to);
        pool.network().restore(from, to);
    }

    /** {@code from → to} loses and delays packets as {@code link} says. */
    public void degrade(int from, int to, Network link) {
        note(from, "degrade link " + from + " -> " + to + " to " + link);
        pool.network().degrade(from, to, link);
    }

    public void healNetwork() {
        note(-1, "heal the network");
        pool.network().heal();
    }

    // ---- the statefile ----

    /** Every cycle of host {@code i} fails: nothing written, nothing read. */
    public void statefileErrors(int i) {
        note(i, "statefile I/O errors");
        pool.statefileIo().ioErrors(i, true);
    }

    /** Host {@code i}'s cycles take {@code delay} before they are done and reported. */
    public void statefileSlow(int i, Duration delay) {
        note(i, "statefile slow by " + delay);
        pool.statefileIo().slow(i, delay);
    }

    /** Host {@code i}'s statefile I/O hangs until it is restored. */
    public void loseStatefile(int i) {
        note(i, "statefile lost");
        pool.statefileIo().lose(i);
    }

    /** The statefile's storage is gone for every host: all I/O fails (SR-2's case, spec §7.3). */
    public void loseStatefileEverywhere() {
        note(-1, "statefile lost on every host (I/O errors)");
        pool.statefileIo().loseAll();
    }

    /** Every host's statefile I/O hangs (no reply) until restored. */
    public void hangStatefileEverywhere() {
        note(-1, "statefile I/O hangs on every host");
        pool.statefileIo().hangAll();
    }

    public void restoreStatefile(int i) {
        note(i, "statefile restored");
        pool.statefileIo().restore(i);
    }

    public void restoreStatefileEverywhere() {
        note(-1, "statefile restored on every host");
        pool.statefileIo().restoreAll();
    }

    // ---- what happened ----

    /** One line per injected fault or heal, with its time. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** When the last fault was injected or healed; empty if never. */
    public Optional<Duration> lastChange() {
        return lastChange;
    }

    private void note(int host, String what) {
        lastChange = Optional.of(pool.time());
        log.add(pool.time() + " " + (host < 0 ? "pool" : "host " + host) + ": " + what);
        pool.traceLog().add(pool.time(), Math.max(host, 0), "FAULT " + what);
    }
}
