package org.xcp.clusterstack.poolstatus;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.statefile.StatefileImage;

/**
 * Everything {@code pool status} reads on this host, before any judgement: xhad.conf (hosts, addresses,
 * timeouts), the shared statefile (every section), the local daemon, the storage's I/O timeout if one is known,
 * the other fencers found on this host, the stack's survival rule and the time of reading.
 *
 * @param fencer who fences on this stack (its manifest's {@code fencing})
 * @param notDetectable the fencers this host's look cannot see, said once in the docs and the JSON
 */
public record PoolEvidence(DaemonConfig config, String stack, String fencer, StatefileImage statefile,
        LocalDaemonReading local, Optional<StorageTimeout> storage, List<FencerFinding> fencers,
        StackRule rule, Instant now) {
    public PoolEvidence {
        Objects.requireNonNull(config);
        Objects.requireNonNull(stack);
        Objects.requireNonNull(fencer);
        Objects.requireNonNull(statefile);
        Objects.requireNonNull(local);
        Objects.requireNonNull(storage);
        fencers = List.copyOf(fencers);
        Objects.requireNonNull(rule);
        Objects.requireNonNull(now);
    }
}
