package org.xcp.clusterstack.daemon.managed.sim;

import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.api.liveset.HostEntry;
import org.xcp.clusterstack.api.liveset.Liveset;
import org.xcp.clusterstack.api.liveset.LivesetReader;
import org.xcp.clusterstack.api.liveset.LivesetStatus;
import org.xcp.clusterstack.api.liveset.LivesetWriter;
import org.xcp.clusterstack.common.core.EngineView;
import org.xcp.clusterstack.common.core.LivesetRenderer;
import org.xcp.clusterstack.common.core.Request;

/**
 * xhad's promises to xapi, checked after every step of a managed pool against the simulator's ground truth (the
 * managed counterpart of the native simulator's PoolInvariants). A violation throws an {@link AssertionError}
 * naming the invariant, the time and the hosts.
 *
 * <ul>
 * <li><b>M1, one master.</b> No two runs whose latest {@code ha_propose_master} answer is TRUE are both running
 *     (daemon not ended or killed, host not dead) and armed; while one is, the global master field names it.</li>
 * <li><b>M2, a host is dropped only once certainly fenced</b> (stacks.md §5.3). When the liveset of a running,
 *     Online host that counts itself live loses host j, j is dead (crash, watchdog, self-fence, the manager's
 *     fencing) or died since it entered that liveset, or left on purpose: its section says excluded, or its last
 *     Online run in this life was disarmed (by the script, or by a clean end). A run that never went Online in
 *     j's present life has nothing to protect.</li>
 * <li><b>M3, xapi reads the liveset right.</b> Every Online run's view, rendered by {@link LivesetRenderer} and
 *     parsed by the api's {@link LivesetReader} (xapi's rules), says Online, lists every configured host in index
 *     order with the liveness of the core's liveset and master=TRUE exactly for the master field the core read;
 *     a Starting run's says Starting. An Online host shows itself live unless the manager has had it outside a
 *     quorate partition, or its sampling in trouble, within the last {@link #grace}.</li>
 * <li><b>M4, every script is answered in time</b>: {@code ha_propose_master} within the core's proposal limit
 *     plus three t2, anything else within four statefile cycles plus twice the slowest cycle injected; unless the
 *     daemon died first (the script's connection breaks).</li>
 * <li><b>M5, one fencer.</b> Under MANAGER authority the core never asks to self-fence.</li>
 * </ul>
 */
final class ManagedInvariants implements Consumer<ManagedPool> {
    /** The slowest statefile cycle a schedule injects. */
    static final Duration SLOWEST_CYCLE = Duration.ofSeconds(6);
    /** Besides every change of state, liveset or master: a document every 10 s, for its timings. */
    private static final int RENDER_EVERY = 100;

    private final Map<ManagedRun, HostSet> previous = new IdentityHashMap<>();
    private final Map<ManagedRun, int[]> enteredIn = new IdentityHashMap<>();
    private final Map<ManagedRun, Duration> selfNotLiveSince = new IdentityHashMap<>();
    private final Map<ManagedRun, String> lastRendered = new IdentityHashMap<>();
    private final Map<Integer, LivesetRenderer> renderers = new HashMap<>();
    /** The invariants, to watch some only (a test that shows one of them bites). */
    enum Check { M1, M2, M3, M4, M5 }

    private final java.util.Set<Check> checks;
    private final Duration[] troubleUntil;
    private final Duration grace;
    private long steps;

    private ManagedInvariants(ManagedPool pool, java.util.Set<Check> checks) {
        ManagedSetup s = pool.setup();
        this.checks = java.util.EnumSet.copyOf(checks);
        this.troubleUntil = new Duration[s.hosts()];
        this.grace = s.poll().multipliedBy(3).plus(s.toolTimeout()).plusSeconds(1);
    }

    static void watch(ManagedPool pool) {
        watch(pool, java.util.EnumSet.allOf(Check.class));
    }

    static void watch(ManagedPool pool, java.util.Set<Check> checks) {
        pool.afterEveryStep(new ManagedInvariants(pool, checks));
    }

    @Override
    public void accept(ManagedPool pool) {
        steps++;
        long now = pool.nanos();
        for (int i = 0; i < pool.setup().hosts(); i++) {
            if (!pool.manager().clean(i, now) || troubleUntil[i] == null) {
                troubleUntil[i] = pool.time();
            }
        }
        if (checks.contains(Check.M1)) {
            oneMaster(pool);
        }
        if (checks.contains(Check.M2)) {
            removalOnlyOfTheFenced(pool, now);
        }
        if (checks.contains(Check.M3)) {
            livesetAsXapiReadsIt(pool, now);
        }
        if (checks.contains(Check.M4)) {
            answered(pool);
        }
        if (checks.contains(Check.M5) && !pool.violations().isEmpty()) {
            fail(pool, "M5 one fencer", pool.violations().get(0));
        }
    }

    // M1
    private static void oneMaster(ManagedPool pool) {
        List<ManagedRun> holders = pool.runs().stream().filter(r -> r.running() && r.armed()
                && pool.alive(r.index) && claims(pool, r)).toList();
        if (holders.size() > 1) {
            fail(pool, "M1 at most one master", "runs " + holders.stream().map(r -> r.index + "/" + r.run).toList()
                    + " all answered TRUE to ha_propose_master and are running and armed");
        }
        Optional<HaUuid> field = pool.master();
        if (holders.size() == 1 && !field.equals(Optional.of(pool.hostId(holders.get(0).index)))) {
            fail(pool, "M1 at most one master", "host " + holders.get(0).index + " holds the lock but the"
                    + " statefile's master field names " + field.map(HaUuid::compact).orElse("nobody"));
        }
    }

    private static boolean claims(ManagedPool pool, ManagedRun r) {
        Optional<ManagedPool.Reply> last = Optional.empty();
        for (ManagedPool.Pending p : pool.requests()) {
            if (p.run() == r && p.request() instanceof Request.ProposeMaster) {
                Optional<ManagedPool.Reply> reply = pool.reply(p.id());
                if (reply.isPresent() && (reply.get().isTrue() || reply.get().isFalse())) {
                    last = reply;
                }
            }
        }
        return last.map(ManagedPool.Reply::isTrue).orElse(false);
    }

    // M2
    private void removalOnlyOfTheFenced(ManagedPool pool, long now) {
        Map<ManagedRun, HostSet> seen = new IdentityHashMap<>();
        for (int s = 0; s < pool.setup().hosts(); s++) {
            Optional<ManagedRun> run = pool.latest(s);
            if (run.isEmpty() || !run.get().online()) {
                continue;
            }
            ManagedRun r = run.get();
            HostSet live = r.liveset(now);
            seen.put(r, live);
            int[] entered = enteredIn.computeIfAbsent(r, x -> new int[pool.setup().hosts()]);
            HostSet before = previous.getOrDefault(r, HostSet.EMPTY);
            for (int j : live.indexes().toArray()) {
                if (!before.contains(j)) {
                    entered[j] = pool.incarnation(j);
                }
            }
            if (!live.contains(s)) {
                continue; // a host that counts itself out is the one being fenced, not a survivor
            }
            for (int j : before.indexes().filter(j -> j != r.index && !live.contains(j)).toArray()) {
                if (!r.explainedDrop(j)) {
                    fail(pool, "M2 a host is dropped only once certainly fenced", "host " + r.index + " run " + r.run
                            + " dropped host " + j + " (" + before + " -> " + live + ") with no host-dropped journal"
                            + " record for it");
                }
                whyMayBeDropped(pool, j, entered[j]).ifPresent(why -> fail(pool, "M2 a host is dropped only once"
                        + " certainly fenced", "host " + r.index + " run " + r.run + " dropped host " + j + " ("
                        + before + " -> " + live + ") but " + why));
            }
        }
        previous.clear();
        previous.putAll(seen);
    }

    /** Empty when dropping host j is safe, else why not. */
    private static Optional<String> whyMayBeDropped(ManagedPool pool, int j, int enteredIncarnation) {
        if (!pool.alive(j) || pool.incarnation(j) != enteredIncarnation) {
            return Optional.empty();
        }
        if (pool.statefile().host(j).excluded() != 0) {
            return Optional.empty();
        }
        Optional<ManagedRun> lastOnline = pool.runs().stream().filter(x -> x.index == j
                && x.incarnation == pool.incarnation(j) && x.onlineAt().isPresent()).reduce((a, b) -> b);
        if (lastOnline.isEmpty() || lastOnline.get().disarmed()) {
            return Optional.empty();
        }
        return Optional.of("host " + j + " is alive, never reset since, not excluded, and its run "
                + lastOnline.get().run + " is " + (lastOnline.get().running() ? "running and armed"
                : lastOnline.get().killedAt().map(t -> "a daemon killed at " + t + " without disarming")
                .orElse("ended without disarming")));
    }

    // M3
    private void livesetAsXapiReadsIt(ManagedPool pool, long now) {
        for (int i = 0; i < pool.setup().hosts(); i++) {
            Optional<ManagedRun> run = pool.latest(i);
            if (run.isEmpty() || !run.get().running()) {
                continue;
            }
            ManagedRun r = run.get();
            EngineView v = r.view(now);
            String key = v.state() + " " + v.currentLiveset() + " " + v.global().flatMap(g -> g.masterHost());
            if (steps % RENDER_EVERY == 0 || !key.equals(lastRendered.get(r))) {
                lastRendered.put(r, key);
                render(pool, r, v);
            }
            if (!r.online()) {
                continue;
            }
            if (v.currentLiveset().contains(i)) {
                selfNotLiveSince.remove(r);
                continue;
            }
            Duration since = selfNotLiveSince.computeIfAbsent(r, x -> pool.time());
            Duration clean = pool.time().minus(troubleUntil[i]);
            if (pool.time().minus(since).compareTo(grace) > 0 && clean.compareTo(grace) > 0) {
                fail(pool, "M3 an Online host shows itself live", "host " + i + " run " + r.run
                        + " has shown itself not live since " + since + " though the manager has had it in a"
                        + " quorate partition, sampled without trouble, since " + troubleUntil[i]);
            }
        }
    }

    private void render(ManagedPool pool, ManagedRun r, EngineView v) {
        LivesetRenderer renderer = renderers.computeIfAbsent(r.index, i -> new LivesetRenderer(pool.config(i)));
        String xml = LivesetWriter.write(renderer.render(v));
        Liveset read;
        try {
            read = LivesetReader.read(xml);
        } catch (HaException e) {
            fail(pool, "M3 xapi reads the liveset", "host " + r.index + "'s document is rejected: " + e.getMessage());
            return;
        }
        String who = "host " + r.index + " run " + r.run + ": ";
        if (!read.localHost().equals(pool.hostId(r.index))) {
            fail(pool, "M3 xapi reads the liveset", who + "localhost is " + read.localHost());
        }
        if (!r.online()) {
            if (read.status() != LivesetStatus.STARTING) {
                fail(pool, "M3 xapi reads the liveset", who + "a starting daemon's document says " + read.status());
            }
            return;
        }
        if (read.status() != LivesetStatus.ONLINE || read.hosts().size() != pool.setup().hosts()) {
            fail(pool, "M3 xapi reads the liveset", who + "status " + read.status() + " with " + read.hosts().size()
                    + " hosts");
        }
        Optional<HaUuid> master = v.global().flatMap(g -> g.masterHost());
        for (int j = 0; j < read.hosts().size(); j++) {
            HostEntry e = read.hosts().get(j);
            if (!e.id().equals(pool.hostId(j)) || e.live() != v.currentLiveset().contains(j)
                    || e.master() != master.equals(Optional.of(pool.hostId(j)))) {
                fail(pool, "M3 xapi reads the liveset", who + "entry " + j + " reads " + e + " but the core has"
                        + " liveset " + v.currentLiveset() + " and master " + master.map(HaUuid::compact).orElse("none"));
            }
        }
    }

    // M4
    private static void answered(ManagedPool pool) {
        ManagedSetup s = pool.setup();
        Duration cycle = s.t2().plusMillis(500);
        Duration other = cycle.multipliedBy(4).plus(SLOWEST_CYCLE.multipliedBy(2));
        Duration propose = s.bigT2().plus(s.t2().multipliedBy(3)).plus(SLOWEST_CYCLE.multipliedBy(2));
        for (ManagedPool.Pending p : pool.requests()) {
            if (pool.reply(p.id()).isPresent() || !p.run().running()) {
                continue;
            }
            Duration bound = p.request() instanceof Request.ProposeMaster ? propose : other;
            if (pool.time().minus(p.issuedAt()).compareTo(bound) > 0) {
                fail(pool, "M4 every script is answered in time", "host " + p.host() + " run " + p.run().run
                        + ": " + p.request() + " issued at " + p.issuedAt() + " has no answer after " + bound);
            }
        }
    }

    private static void fail(ManagedPool pool, String invariant, String what) {
        throw new AssertionError("invariant " + invariant + " violated at " + pool.time() + ": " + what);
    }
}
