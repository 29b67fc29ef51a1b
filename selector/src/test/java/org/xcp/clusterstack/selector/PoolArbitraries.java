package org.xcp.clusterstack.selector;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.xcp.clusterstack.xapiconf.StackName;
import org.xcp.clusterstack.xapiconf.SupportedSrs;

/**
 * Generators for the selector's inputs, drawn from small pools of names so that constraints overlap,
 * conflict, repeat and go missing often, with a sprinkling of names no stack root could hold.
 */
final class PoolArbitraries {
    /** Valid and invalid stack names alike: drivers and Clusters may report anything. */
    static final List<String> STACKS = List.of("xhad", "corosync", "o2cb", "melio", "", "../x", " xhad", ".", "a/b");
    static final List<String> VALID_STACKS = STACKS.stream().filter(StackName::isValid).toList();
    static final List<String> TYPES = List.of("nfs", "lvmoiscsi", "gfs2", "ocfs2", "dualA", "t1", "t2", "weird", "");

    private PoolArbitraries() {
    }

    /** One driver table, Clusters and SRs with unique refs and uuids (mixed case, compared lower case). */
    static Arbitrary<PoolSnapshot> pools() {
        Arbitrary<List<String>> uuids = Arbitraries.strings().withChars("0123456789abcdefABCDEF").ofLength(3)
                .list().ofMaxSize(9).uniqueElements(u -> u.toLowerCase(Locale.ROOT));
        Arbitrary<List<SrShape>> srShapes = Combinators.combine(Arbitraries.of(TYPES), Arbitraries.of(true, false))
                .as(SrShape::new).list().ofMaxSize(6);
        Arbitrary<List<String>> clusterStacks = Arbitraries.of(STACKS).list().ofMaxSize(3);
        return Combinators.combine(uuids, srShapes, clusterStacks, drivers()).as(PoolArbitraries::pool);
    }

    static Arbitrary<DriverTable> drivers() {
        Arbitrary<List<String>> list = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(List.<String>of())),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(STACKS).list().ofMinSize(1).ofMaxSize(3)));
        // Most types have a driver, some do not: R2 must be reachable.
        return Arbitraries.maps(Arbitraries.of(TYPES), list).ofMaxSize(TYPES.size()).map(DriverTable::of);
    }

    static Arbitrary<PoolRecord> records() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(STACKS)).as(PoolRecord::new);
    }

    static Arbitrary<StackName> defaults() {
        return Arbitraries.of(VALID_STACKS).map(StackName::of);
    }

    /** Which valid stacks the master has, each with an absent, empty or partial whitelist. */
    static Arbitrary<Map<String, SupportedSrs>> installed() {
        Arbitrary<SupportedSrs> whitelist = Arbitraries.oneOf(Arbitraries.just(SupportedSrs.noConstraint()),
                Arbitraries.of(TYPES.stream().filter(t -> !t.isEmpty()).toList()).set().ofMaxSize(4)
                        .map(SupportedSrs::of));
        return Arbitraries.maps(Arbitraries.of(VALID_STACKS), whitelist).ofMinSize(1).ofMaxSize(VALID_STACKS.size());
    }

    /** Mostly automatic mode or a valid name, sometimes a name no root could hold, sometimes anything. */
    @SuppressWarnings("unchecked")
    static Arbitrary<String> requests() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just("")),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(VALID_STACKS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(STACKS)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(4)));
    }

    private record SrShape(String type, boolean attachedOnMaster) {
    }

    private static PoolSnapshot pool(List<String> uuids, List<SrShape> shapes, List<String> clusterStacks,
            DriverTable drivers) {
        List<Sr> srs = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < shapes.size() && next < uuids.size(); i++, next++) {
            srs.add(new Sr("OpaqueRef:sr" + i, uuids.get(next), shapes.get(i).type(), shapes.get(i).attachedOnMaster()));
        }
        List<Cluster> clusters = new ArrayList<>();
        for (int i = 0; i < clusterStacks.size() && next < uuids.size(); i++, next++) {
            clusters.add(new Cluster("OpaqueRef:cl" + i, uuids.get(next), clusterStacks.get(i)));
        }
        return PoolSnapshot.of(srs, drivers, clusters);
    }

    /** The constraint lists of the master-attached SRs that have one; empty if some type has no driver. */
    static List<List<String>> constraintLists(PoolSnapshot pool) {
        List<List<String>> lists = new ArrayList<>();
        for (Sr sr : pool.masterAttachedSrs()) {
            lists.add(pool.drivers().constraintList(sr.type()).orElse(null));
        }
        return lists;
    }

    static boolean everyTypeHasADriver(PoolSnapshot pool) {
        return pool.masterAttachedSrs().stream().allMatch(sr -> pool.drivers().constraintList(sr.type()).isPresent());
    }

    static Set<String> clusterStacks(PoolSnapshot pool) {
        Map<String, Boolean> stacks = new LinkedHashMap<>();
        pool.clusters().forEach(c -> stacks.put(c.clusterStack(), true));
        return stacks.keySet();
    }
}
