package org.xcp.clusterstack.daemon.managed;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.spi.FencingAuthority;
import org.xcp.clusterstack.api.spi.MembershipSource;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * A cluster manager in memory for the engine's tests: hosts sit in partitions, and the partition holding
 * more than half of the pool is quorate (votequorum's rule with one vote each).
 */
final class FakeManager {
    private final List<HaUuid> pool;
    private final Map<HaUuid, Set<HaUuid>> partitionOf = new ConcurrentHashMap<>();
    private volatile boolean disarmRefused;

    FakeManager(List<HaUuid> pool) {
        this.pool = List.copyOf(pool);
        heal();
    }

    /** Every host in one partition. */
    void heal() {
        Set<HaUuid> all = Set.copyOf(pool);
        pool.forEach(h -> partitionOf.put(h, all));
    }

    /** {@code host} alone; the others together. */
    void isolate(HaUuid host) {
        Set<HaUuid> rest = new HashSet<>(pool);
        rest.remove(host);
        Set<HaUuid> others = Set.copyOf(rest);
        pool.forEach(h -> partitionOf.put(h, h.equals(host) ? Set.of(host) : others));
    }

    /**
     * {@code host} sees itself alone while the others see every host: a manager whose hosts see each other one by
     * one, not all at once (a membership from heartbeat files, say), with {@code host} the last to catch up.
     */
    void lagging(HaUuid host) {
        Set<HaUuid> all = Set.copyOf(pool);
        pool.forEach(h -> partitionOf.put(h, h.equals(host) ? Set.of(host) : all));
    }

    void refuseDisarm() {
        disarmRefused = true;
    }

    MembershipSource sourceFor(HaUuid host, FencingAuthority authority) {
        return new MembershipSource() {
            @Override
            public FencingAuthority fencing() {
                return authority;
            }

            @Override
            public Duration pollInterval() {
                return Duration.ofMillis(100);
            }

            @Override
            public MembershipView view() {
                Set<HaUuid> partition = partitionOf.get(host);
                boolean quorate = partition.size() * 2 > pool.size();
                return new MembershipView(true, quorate, partition, "fake: " + partition.size() + " of "
                        + pool.size() + (quorate ? " quorate" : " not quorate"));
            }

            @Override
            public void disarmManagerFencing() {
                if (disarmRefused) {
                    throw new HaException(ExitCode.INVALID_ENVIRONMENT, "the manager cannot disarm now");
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
