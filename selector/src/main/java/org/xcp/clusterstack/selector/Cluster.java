package org.xcp.clusterstack.selector;

import java.util.Objects;

/** A Cluster object (selector.md §2, I4): today xapi only creates {@code corosync} ones. */
public record Cluster(String ref, String uuid, String clusterStack) {
    /** The only stack {@code Cluster.create} accepts. */
    public static final String COROSYNC = "corosync";

    /** @throws IllegalArgumentException if the reference or the UUID is empty */
    public Cluster {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(clusterStack, "clusterStack");
        if (ref.isEmpty() || uuid.isEmpty()) {
            throw new IllegalArgumentException("a Cluster needs a non-empty ref and uuid");
        }
    }
}
