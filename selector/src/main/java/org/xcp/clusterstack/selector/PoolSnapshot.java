package org.xcp.clusterstack.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What the pool database says about storage and clustering (selector.md §2, I1 to I4): every SR with its
 * master attachment, the driver table, and the Cluster objects.
 *
 * <p>SRs and Clusters are kept in <em>canonical order</em> (§1, a framework rule): ascending plain string
 * order of the lower-case UUID. xapi visits them in database order, which is unspecified; sorting here means
 * no decision can depend on the order in which a caller happened to list them.
 */
public record PoolSnapshot(List<Sr> srs, DriverTable drivers, List<Cluster> clusters) {
    /**
     * @throws IllegalArgumentException if two SRs (or two Clusters) share a reference or a UUID, compared
     *     case-insensitively as the canonical order compares them: the order would not be defined
     */
    public PoolSnapshot {
        Objects.requireNonNull(drivers, "drivers");
        srs = canonical(srs, Sr::ref, Sr::uuid, "SR");
        clusters = canonical(clusters, Cluster::ref, Cluster::uuid, "Cluster");
    }

    public static PoolSnapshot of(List<Sr> srs, DriverTable drivers, List<Cluster> clusters) {
        return new PoolSnapshot(srs, drivers, clusters);
    }

    /** The text canonical order compares: the UUID in lower case. */
    public static String canonicalKey(String uuid) {
        return uuid.toLowerCase(Locale.ROOT);
    }

    public Optional<Sr> sr(String ref) {
        return srs.stream().filter(s -> s.ref().equals(ref)).findFirst();
    }

    public Optional<Cluster> cluster(String ref) {
        return clusters.stream().filter(c -> c.ref().equals(ref)).findFirst();
    }

    /** The SRs attached on the master, in canonical order (R1). */
    public List<Sr> masterAttachedSrs() {
        return srs.stream().filter(Sr::attachedOnMaster).toList();
    }

    public PoolSnapshot withClusters(List<Cluster> newClusters) {
        return new PoolSnapshot(srs, drivers, newClusters);
    }

    private static <T> List<T> canonical(List<T> items, Function<T, String> ref, Function<T, String> uuid,
            String what) {
        List<T> sorted = new ArrayList<>(Objects.requireNonNull(items, what + "s"));
        sorted.forEach(item -> Objects.requireNonNull(item, what));
        Set<String> refs = new HashSet<>();
        Set<String> uuids = new HashSet<>();
        for (T item : sorted) {
            if (!refs.add(ref.apply(item))) {
                throw new IllegalArgumentException("two " + what + "s have the ref " + Quote.quote(ref.apply(item)));
            }
            if (!uuids.add(canonicalKey(uuid.apply(item)))) {
                throw new IllegalArgumentException("two " + what + "s have the uuid " + Quote.quote(uuid.apply(item)));
            }
        }
        sorted.sort(Comparator.comparing(item -> canonicalKey(uuid.apply(item))));
        return List.copyOf(sorted);
    }
}
