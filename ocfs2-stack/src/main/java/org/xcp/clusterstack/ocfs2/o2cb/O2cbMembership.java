package org.xcp.clusterstack.ocfs2.o2cb;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.spi.EngineLog;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;
import org.xcp.clusterstack.api.spi.StackContext;

/**
 * Membership from o2cb without any kernel interface but configfs (stacks.md §3.5, "direct passive read"):
 * each {@link #view()} reads configfs and every started heartbeat region once, and applies o2hb's rules
 * ({@link O2hbTracker}, one per region).
 *
 * <ul>
 *   <li><b>Live nodes.</b> Local mode: live in any region. Global mode: live in more than half of the
 *       regions. stacks.md §3.5 says "in global mode across the quorum regions"; we read it with the kernel's
 *       own global rule, under which a node fences itself once half of its regions or more fail: a node
 *       heard in more than half of the regions is one whose writes still succeed in a majority, so it is not
 *       fencing itself.</li>
 *   <li><b>Members</b>: the live nodes, by host UUID through the {@link NodeMap}.</li>
 *   <li><b>Quorate</b>: the local node ({@code local = 1}) is live, and its own writes are seen completing: in
 *       local mode in every region (the kernel fences on any region's timeout), in global mode in more than
 *       half of them. A region "sees" them while its slot has not stood still for more than half of the
 *       self-fence time, {@code (dead_threshold − 1) / 2} reads (30 s at the defaults, when the kernel starts
 *       negotiating and o2hbmonitor warns).</li>
 * </ul>
 *
 * <p>The kernel fences (stacks.md §3.8); this source only reads, and never writes a slot.
 */
public final class O2cbMembership implements MembershipSource {
    /** {@code O2HB_REGION_TIMEOUT_MS}: the period of o2hb's reads and writes, so each view is one read. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(2000);
    /**
     * o2hb's dead time already covers the victim's self-fence (it resets one period before its peers declare
     * it dead); one more heartbeat period for the reset itself (stacks.md §5.3).
     */
    public static final FencingAuthority FENCING = FencingAuthority.manager("o2cb", POLL_INTERVAL);

    private final O2cbSettings settings;
    private final StackContext context;
    private final EngineLog log;
    private final Map<String, RegionTracking> regions = new LinkedHashMap<>();
    private boolean closed;

    private O2cbMembership(StackContext context, O2cbSettings settings) {
        this.context = context;
        this.settings = settings;
        this.log = context.log();
    }

    /**
     * Checks that o2cb is online here and that its local node is this host; exit 16 otherwise (exit 7 when the
     * {@code o2cb.node.<n>} settings name another host).
     */
    public static O2cbMembership open(StackContext context, O2cbSettings settings) {
        ConfigfsCluster cluster = ConfigfsCluster.read(settings.configfs(), settings.cluster());
        O2cbNode local = cluster.localNode();
        String problem = localMismatch(context, settings, local);
        if (problem != null) {
            throw new HaException(settings.nodes().explicit() ? ExitCode.INVALID_CONFIG_FILE
                    : ExitCode.INVALID_ENVIRONMENT, problem);
        }
        O2cbMembership source = new O2cbMembership(context, settings);
        source.log.info("o2cb cluster " + cluster.name() + " (" + cluster.mode().text() + " heartbeat, dead_threshold "
                + cluster.deadThreshold() + "): local node " + local.number() + " (" + local.name() + "), nodes by "
                + settings.nodes() + ", regions " + cluster.regions().stream().map(HeartbeatRegion::name).toList());
        for (var h : context.config().hosts()) {
            if (settings.nodes().number(h.id()).isEmpty()) {
                source.log.warn("o2cb: pool host " + h.id() + " has no o2cb node number, so it is never live");
            }
        }
        return source;
    }

    @Override
    public FencingAuthority fencing() {
        return FENCING;
    }

    @Override
    public Duration pollInterval() {
        return POLL_INTERVAL;
    }

    @Override
    public synchronized MembershipView view() {
        if (closed) {
            return MembershipView.unreachable("o2cb: the source is closed");
        }
        ConfigfsCluster cluster;
        try {
            cluster = ConfigfsCluster.read(settings.configfs(), settings.cluster());
        } catch (HaException e) {
            return MembershipView.unreachable("o2cb: " + e.getMessage());
        }
        String where = "o2cb cluster " + cluster.name() + " (" + cluster.mode().text() + ", dead_threshold "
                + cluster.deadThreshold() + ")";
        O2cbNode local;
        try {
            local = cluster.localNode();
        } catch (HaException e) {
            return MembershipView.unreachable("o2cb: " + e.getMessage());
        }
        String mismatch = localMismatch(context, settings, local);
        if (mismatch != null) {
            return MembershipView.unreachable(mismatch);
        }
        List<HeartbeatRegion> started = cluster.startedRegions();
        syncTrackers(started, cluster.deadThreshold());
        if (started.isEmpty()) {
            return new MembershipView(true, false, Set.of(), where + ": no heartbeat region is started (no OCFS2"
                    + " volume mounted, or the global heartbeat is not up)");
        }
        int slots = Math.max(local.number(), cluster.nodes().stream().mapToInt(O2cbNode::number).max().orElse(0)) + 1;
        List<String> failures = new ArrayList<>();
        for (HeartbeatRegion r : started) {
            RegionTracking t = regions.get(r.name());
            try {
                t.tracker.read(t.reader.read(Math.min(slots, r.blocks())), r.blockBytes());
            } catch (HaException e) {
                failures.add(e.getMessage());
            }
        }
        return judge(cluster, local, where, failures);
    }

    private MembershipView judge(ConfigfsCluster cluster, O2cbNode local, String where, List<String> failures) {
        List<RegionTracking> all = new ArrayList<>(regions.values());
        int stall = writeStallReads(cluster.deadThreshold());
        SortedSet<Integer> liveNodes = new TreeSet<>();
        for (int node = 0; node <= O2cbNode.MAX_NUMBER; node++) {
            final int n = node;
            long liveIn = all.stream().filter(t -> t.tracker.live(n)).count();
            if (enough(cluster.mode(), liveIn, all.size())) {
                liveNodes.add(node);
            }
        }
        long writing = all.stream().filter(t -> t.tracker.reads() > 1
                && t.tracker.readsSinceChange(local.number()) <= stall).count();
        boolean localLive = liveNodes.contains(local.number());
        boolean writes = cluster.mode() == HeartbeatMode.LOCAL ? writing == all.size()
                : enough(HeartbeatMode.GLOBAL, writing, all.size());
        Set<HaUuid> members = new HashSet<>();
        List<String> unmapped = new ArrayList<>();
        for (int n : liveNodes) {
            settings.nodes().host(n).ifPresentOrElse(members::add, () -> unmapped.add(Integer.toString(n)));
        }
        StringBuilder d = new StringBuilder(where).append(": live nodes ").append(liveNodes).append(" in ")
                .append(all.size()).append(all.size() == 1 ? " region" : " regions").append("; local node ")
                .append(local.number()).append(localLive ? " live" : " NOT live").append(", its writes ")
                .append(writes ? "completing" : "NOT seen completing for more than " + stall + " reads");
        for (RegionTracking t : all) {
            for (O2cbNode node : cluster.nodes()) {
                SlotState s = t.tracker.state(node.number());
                if (s != SlotState.LIVE && s != SlotState.WAITING) {
                    d.append("; node ").append(node.number()).append(' ').append(s.text()).append(" in ")
                            .append(t.reader.region().name());
                }
            }
        }
        if (!unmapped.isEmpty()) {
            d.append("; live nodes ").append(unmapped).append(" map to no pool host");
        }
        failures.forEach(f -> d.append("; ").append(f));
        boolean quorate = failures.isEmpty() && localLive && writes;
        return new MembershipView(true, quorate, members, d.toString());
    }

    /** Global mode: more than half; local mode: any. */
    private static boolean enough(HeartbeatMode mode, long count, int regions) {
        return mode == HeartbeatMode.GLOBAL ? 2 * count > regions : count > 0;
    }

    /** Reads the local slot may stand still before its writes count as not completing: half the self-fence time. */
    public static int writeStallReads(int deadThreshold) {
        return Math.max(1, (deadThreshold - 1) / 2);
    }

    /** One tracker and reader per started region; a region whose layout or device changed starts afresh. */
    private void syncTrackers(List<HeartbeatRegion> started, int deadThreshold) {
        Map<String, HeartbeatRegion> byName = new LinkedHashMap<>();
        started.forEach(r -> byName.put(r.name(), r));
        regions.entrySet().removeIf(e -> {
            HeartbeatRegion now = byName.get(e.getKey());
            boolean same = now != null && sameLayout(now, e.getValue().reader.region())
                    && e.getValue().tracker.deadThreshold() == deadThreshold;
            if (!same) {
                e.getValue().reader.close();
                log.info("o2cb region " + e.getKey() + (now == null ? " stopped" : " changed; new baseline"));
            }
            return !same;
        });
        for (HeartbeatRegion r : started) {
            regions.computeIfAbsent(r.name(), n -> {
                log.info("o2cb region " + n + " on " + settings.deviceDir().resolve(r.dev()) + ": block_bytes "
                        + r.blockBytes() + ", start_block " + r.startBlock() + ", blocks " + r.blocks());
                return new RegionTracking(new RegionReader(r, settings.deviceDir().resolve(r.dev()), log),
                        new O2hbTracker(deadThreshold));
            });
        }
    }

    private static boolean sameLayout(HeartbeatRegion a, HeartbeatRegion b) {
        return a.dev().equals(b.dev()) && a.blockBytes() == b.blockBytes() && a.startBlock() == b.startBlock()
                && a.blocks() == b.blocks();
    }

    /** Null when configfs's local node is this host by the node map, else why not. */
    private static String localMismatch(StackContext context, O2cbSettings settings, O2cbNode local) {
        HaUuid me = context.config().local().hostId();
        var mapped = settings.nodes().host(local.number());
        if (mapped.isPresent() && mapped.get().equals(me)) {
            return null;
        }
        String by = settings.nodes().explicit() ? "the o2cb.node settings" : "its xhad.conf host index";
        return "o2cb's local node is " + local.number() + " (" + local.name() + "), but this host " + me + " is "
                + settings.nodes().number(me).stream().mapToObj(n -> "node " + n).findFirst().orElse("no node")
                + " by " + by + (settings.nodes().explicit() ? "" : ": map them with o2cb.node.<number> settings");
    }

    /**
     * Succeeds only when no heartbeat region is active (none, or every {@code pid} empty): while one is, the
     * kernel can fence this host whatever userspace does (stacks.md §3.8). Exit 16 otherwise; never 14 (xapi
     * takes it for success) nor 17 (not Online).
     */
    @Override
    public void disarmManagerFencing() {
        List<String> active = ConfigfsCluster.activeRegions(settings.configfs(), settings.cluster());
        if (!active.isEmpty()) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "o2cb cannot be disarmed: heartbeat region"
                    + (active.size() == 1 ? " " : "s ") + String.join(", ", active) + (active.size() == 1 ? " is"
                    : " are") + " active and the kernel fences through them, so the OCFS2 volumes must be"
                    + " unmounted (and o2cb's global heartbeat stopped) first");
        }
        log.info("o2cb: no heartbeat region is active; the kernel cannot fence this host");
    }

    @Override
    public synchronized void close() {
        closed = true;
        regions.values().forEach(t -> t.reader.close());
        regions.clear();
    }

    private record RegionTracking(RegionReader reader, O2hbTracker tracker) {
    }
}
