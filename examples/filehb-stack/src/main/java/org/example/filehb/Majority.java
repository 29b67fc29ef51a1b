package org.example.filehb;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.xcp.clusterstack.api.HaUuid;

/**
 * Who may run: more than half of the pool's hosts, or exactly half when that half holds the pool's lowest host
 * UUID (so that of two halves that cannot see each other's heartbeats, one goes on). Every host applies the same
 * rule to the same pool, so two disjoint sets of hosts are never both quorate.
 */
record Majority(SortedSet<HaUuid> pool) {
    Majority {
        pool = Collections.unmodifiableSortedSet(new TreeSet<>(pool));
        if (pool.isEmpty()) {
            throw new IllegalArgumentException("a pool has at least one host");
        }
    }

    static Majority of(List<HaUuid> pool) {
        return new Majority(new TreeSet<>(pool));
    }

    boolean holds(Set<HaUuid> alive) {
        long members = alive.stream().filter(pool::contains).count();
        return 2 * members > pool.size() || 2 * members == pool.size() && alive.contains(pool.first());
    }
}
