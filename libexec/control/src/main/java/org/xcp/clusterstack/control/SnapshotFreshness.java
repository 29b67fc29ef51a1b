package org.xcp.clusterstack.control;

import java.time.Duration;

/**
 * The liveset snapshot's timing, shared by the daemon that writes {@link RunDir#livesetSnapshot()} and the
 * shell fast path of {@code ha_query_liveset} that prints it without a JVM: the daemon rewrites it at least
 * every {@link #REWRITE_EVERY}, and the script trusts it only while it is younger than {@link #TRUSTED_FOR}
 * (more than two rewrites, so one slow rewrite does not send the script to the socket).
 */
public final class SnapshotFreshness {
    public static final Duration REWRITE_EVERY = Duration.ofSeconds(2);
    public static final Duration TRUSTED_FOR = Duration.ofSeconds(5);

    private SnapshotFreshness() {
    }
}
