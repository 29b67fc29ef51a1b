package org.xcp.clusterstack.xhad.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.statefile.SmPhase;

/**
 * The safety and agreement properties of spec §7.2–§7.6, checked after every step of a pool. A violation
 * throws an {@link AssertionError} naming the invariant, the virtual time and the hosts.
 *
 * <ul>
 * <li><b>I1, one master.</b> A run <em>claims</em> the master lock while its latest {@code ha_propose_master}
 *     answer is TRUE. At no time may two runs claim it while both are alive, their daemons run and both are
 *     armed: a new holder needs the grant of every live host, so the old one must have left every liveset,
 *     which (I3) it only does once dead or disarmed. While one run claims it, the global {@code master}
 *     field names no other host.
 * <li><b>I2, no split brain.</b> Two alive, running, Online, armed hosts each missing from the other's
 *     liveset may stay so for at most max(Wh, Ws) + max(T1, T2) + max(t1, t2) + 5 s: by then the loser
 *     must have fenced itself or been reset.
 * <li><b>I3, removal only of the fenced.</b> When an alive host's liveset loses host j, j's latest run is
 *     dead (crash, self-fence, watchdog), never came Online, or is disarmed (which a clean end also does).
 * <li><b>I4, a healthy pool fences nobody</b> (only when the schedule has no real fault): no self-fence and
 *     no watchdog reset. And always: a self-fence only while armed (the core's contract).
 * <li><b>I5, survivors agree.</b> Once every active, Online, armed host publishes phase STARTED, nobody is
 *     starting and no fault was injected or healed for 2 × max(T1, T2), two such hosts that hold each other
 *     live must have the same liveset; a difference may last up to max(T1, T2), the time members take to
 *     apply the same change one after the other.
 * <li><b>I6, every drop is explained.</b> Each host an alive host's liveset loses has a {@code host-dropped}
 *     entry in that host's journal, written in the same step (issue 17: "why was this host fenced?" has an answer
 *     on the survivors too); and every self-fence carries its {@code self-fence} entry (Action.SelfFence's type).
 * <li><b>I7, no stuck fault handler.</b> An alive, Online, armed host publishes no fault-handler phase for longer
 *     than its bound: FH4 (and FH4DONE, which waits for the members' FH4) at most 2 × (max(Wh, Ws) + max(t1, t2)) + 5 s (the wait for the removed hosts' watchdogs,
 *     and past xhad's deadline one more watchdog period), any other at most 4 × max(T1, T2) + 5 s (a rendezvous
 *     waits for members that either answer or leave the domains within a timeout; FH2 merges after one once the
 *     views are stable, and each host that goes quiet meanwhile adds a timeout). A C
 *     host's rendezvous has no timeout, so a mixed pool whose hosts wait for phases the others never publish
 *     stays stuck: this is what catches it (issue 18).
 * </ul>
 */
final class PoolInvariants implements Consumer<SimulatedPool> {
    private final boolean healthy;
    private final Map<SimHost, HostSet> previous = new IdentityHashMap<>();
    private final Map<Long, Duration> apartSince = new HashMap<>();
    private Optional<Duration> disagreeingSince = Optional.empty();
    private final Map<SimHost, Integer> phaseShown = new IdentityHashMap<>();
    private final Map<SimHost, Duration> phaseSince = new IdentityHashMap<>();

    private PoolInvariants(boolean healthy) {
        this.healthy = healthy;
    }

    /** Checks {@code pool} after every step from now on; {@code healthy}: the schedule injects no real fault. */
    static void watch(SimulatedPool pool, boolean healthy) {
        pool.afterEveryStep(new PoolInvariants(healthy));
    }

    @Override
    public void accept(SimulatedPool pool) {
        List<SimHost> latest = new ArrayList<>();
        Map<SimHost, HostSet> livesets = new IdentityHashMap<>();
        for (int i = 0; i < pool.setup().hosts(); i++) {
            pool.latest(i).ifPresent(h -> {
                latest.add(h);
                if (h.running()) {
                    livesets.put(h, h.liveset());
                }
            });
        }
        oneMaster(pool, latest);
        noSplitBrain(pool, latest, livesets);
        removalOnlyOfTheFenced(pool, latest, livesets);
        fencing(pool);
        survivorsAgree(pool, latest, livesets);
        noStuckFaultHandler(pool, latest);
    }

    // I7
    private void noStuckFaultHandler(SimulatedPool pool, List<SimHost> latest) {
        SimTimeouts t = pool.setup().timeouts();
        Duration fh4 = t.maxWatchdog().plus(t.maxInterval()).multipliedBy(2).plusSeconds(5);
        Duration other = t.maxTimeout().multipliedBy(4).plusSeconds(5);
        for (SimHost h : latest) {
            int shown = h.alive() && h.running() && h.online() && h.armed()
                    ? h.lastHeartbeat().map(p -> p.smPhase()).orElse(SmPhase.STARTED.code()) : SmPhase.STARTED.code();
            if (!Integer.valueOf(shown).equals(phaseShown.get(h))) {
                phaseShown.put(h, shown);
                phaseSince.put(h, pool.time());
                continue;
            }
            // FH4DONE waits for members still in their FH4 (a C host sleeps xhad's fixed time)
            Duration bound = shown == SmPhase.FH4.code() || shown == SmPhase.FH4DONE.code() ? fh4 : other;
            Duration since = phaseSince.get(h);
            if (shown != SmPhase.STARTED.code() && pool.time().minus(since).compareTo(bound) > 0) {
                fail(pool, "I7 no stuck fault handler", "host " + h.index() + " run " + h.run() + " has shown phase "
                        + SmPhase.fromCode(shown).map(Enum::name).orElse(String.valueOf(shown)) + " since " + since
                        + ", longer than " + bound + (pool.setup().cXhad().contains(h.index()) ? " (a C host)" : ""));
            }
        }
    }

    // I1
    private static void oneMaster(SimulatedPool pool, List<SimHost> latest) {
        List<SimHost> holders = latest.stream().filter(h -> h.alive() && h.running() && h.armed())
                .filter(h -> claims(pool, h)).toList();
        if (holders.size() > 1) {
            fail(pool, "I1 at most one master", "hosts " + indexes(holders) + " all answered TRUE to"
                    + " ha_propose_master and are alive, running and armed");
        }
        Optional<HaUuid> field = pool.master();
        if (holders.size() == 1 && field.isPresent() && !field.get().equals(pool.hostId(holders.get(0).index()))) {
            fail(pool, "I1 at most one master", "host " + holders.get(0).index() + " holds the lock but the"
                    + " statefile's master field names " + field.get().compact());
        }
    }

    private static boolean claims(SimulatedPool pool, SimHost h) {
        Optional<SimReply> last = Optional.empty();
        for (SimReply r : pool.replies()) {
            if (r.host() == h.index() && r.at().compareTo(h.startedAt()) >= 0 && (r.isTrue() || r.isFalse())) {
                last = Optional.of(r);
            }
        }
        return last.map(SimReply::isTrue).orElse(false);
    }

    // I2
    private void noSplitBrain(SimulatedPool pool, List<SimHost> latest, Map<SimHost, HostSet> livesets) {
        SimTimeouts t = pool.setup().timeouts();
        Duration deadline = t.maxWatchdog().plus(t.maxTimeout()).plus(t.maxInterval()).plusSeconds(5);
        List<SimHost> armed = latest.stream().filter(h -> h.running() && h.online() && h.armed()).toList();
        Map<Long, Duration> still = new HashMap<>();
        for (int x = 0; x < armed.size(); x++) {
            for (int y = x + 1; y < armed.size(); y++) {
                SimHost a = armed.get(x);
                SimHost b = armed.get(y);
                if (livesets.get(a).contains(b.index()) || livesets.get(b).contains(a.index())) {
                    continue;
                }
                long key = a.index() * 64L + b.index();
                Duration since = apartSince.getOrDefault(key, pool.time());
                still.put(key, since);
                if (pool.time().minus(since).compareTo(deadline) > 0) {
                    fail(pool, "I2 no two disjoint groups past the fencing deadline", "hosts " + a.index() + " "
                            + livesets.get(a) + " and " + b.index() + " " + livesets.get(b) + " have excluded each"
                            + " other since " + since + ", longer than " + deadline);
                }
            }
        }
        apartSince.clear();
        apartSince.putAll(still);
    }

    // I3
    private void removalOnlyOfTheFenced(SimulatedPool pool, List<SimHost> latest, Map<SimHost, HostSet> livesets) {
        for (var e : livesets.entrySet()) {
            SimHost h = e.getKey();
            HostSet before = previous.get(h);
            HostSet now = e.getValue();
            if (before != null && h.alive()) {
                for (int j : before.indexes().filter(j -> j != h.index() && !now.contains(j)).toArray()) {
                    if (!h.explainedDrop(j)) {
                        fail(pool, "I6 every drop is explained in the journal", "host " + h.index() + " dropped host "
                                + j + " (liveset " + before + " -> " + now + ") with no host-dropped record for it");
                    }
                    pool.latest(j).filter(r -> r.alive() && r.armed() && r.onlineAt().isPresent()).ifPresent(r ->
                            fail(pool, "I3 a host leaves a liveset only once fenced or dead", "host " + h.index()
                                    + " dropped host " + j + " (liveset " + before + " -> " + now + ") while host "
                                    + j + " run " + r.run() + " is alive and armed" + (r.hung() ? " (hung)" : "")
                                    + ", last watchdog refresh " + r.lastPet().map(Duration::toString).orElse("none")));
                }
            }
        }
        previous.clear();
        previous.putAll(livesets);
    }

    // I4
    private void fencing(SimulatedPool pool) {
        for (SimHost h : pool.runs()) {
            if (h.fencedWhileDisarmed()) {
                fail(pool, "I4 a self-fence only while armed", "host " + h.index() + " run " + h.run()
                        + " fenced at " + h.fencedAt().orElseThrow() + " while disarmed: " + h.fenceReason().orElse(""));
            }
            if (healthy && h.fencedAt().isPresent()) {
                fail(pool, "I4 a healthy pool fences nobody", "host " + h.index() + " run " + h.run()
                        + " fenced at " + h.fencedAt().get() + ": " + h.fenceReason().orElse(""));
            }
        }
    }

    // I5
    private void survivorsAgree(SimulatedPool pool, List<SimHost> latest, Map<SimHost, HostSet> livesets) {
        SimTimeouts t = pool.setup().timeouts();
        Duration quiet = t.maxTimeout().multipliedBy(2);
        boolean settled = pool.faults().lastChange().map(c -> pool.time().minus(c).compareTo(quiet) >= 0)
                .orElse(true) && latest.stream().filter(SimHost::running).allMatch(SimHost::online);
        List<SimHost> members = latest.stream().filter(h -> h.active() && h.online() && h.armed()).toList();
        settled = settled && members.stream().allMatch(h -> h.lastHeartbeat()
                .map(p -> p.smPhase() == SmPhase.STARTED.code()).orElse(false));
        Optional<String> difference = Optional.empty();
        for (int x = 0; settled && difference.isEmpty() && x < members.size(); x++) {
            for (int y = x + 1; difference.isEmpty() && y < members.size(); y++) {
                SimHost a = members.get(x);
                SimHost b = members.get(y);
                HostSet la = livesets.get(a);
                HostSet lb = livesets.get(b);
                if (la.contains(b.index()) && lb.contains(a.index()) && !la.equals(lb)) {
                    difference = Optional.of("host " + a.index() + " has " + la + ", host " + b.index() + " has " + lb);
                }
            }
        }
        if (difference.isEmpty()) {
            disagreeingSince = Optional.empty();
            return;
        }
        Duration since = disagreeingSince.orElse(pool.time());
        disagreeingSince = Optional.of(since);
        if (pool.time().minus(since).compareTo(t.maxTimeout()) > 0) {
            fail(pool, "I5 survivors agree", difference.get() + " since " + since + " in a quiet pool (last fault "
                    + pool.faults().lastChange().map(Duration::toString).orElse("none") + ")");
        }
    }

    private static String indexes(List<SimHost> hosts) {
        return hosts.stream().map(h -> String.valueOf(h.index())).toList().toString();
    }

    private static void fail(SimulatedPool pool, String invariant, String what) {
        throw new AssertionError(invariant + " violated at " + pool.time() + ": " + what);
    }
}
