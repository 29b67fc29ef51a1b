package org.xcp.clusterstack.poolstatus;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The pool as this host sees it: its stack and who fences, the statefile's pool state and master, who holds the
 * lock, each host, how many more host failures it survives, and the warnings. Healthy means no warning.
 *
 * @param poolState the global section's pool state name (ACTIVE, INVALID, INIT, ...), or "unreadable"
 * @param liveset the liveset of the viewing section (this host's when its daemon runs)
 * @param survivesFailures more host failures survived by the stack's rule; empty when it cannot be told
 * @param survivalRule what decided it, in words
 * @param atRest the pool as the rule is asked about it (for the maintenance preflight)
 */
public record PoolPicture(String stack, String fencer, String poolState, OptionalInt master, OptionalInt lockHolder,
        OptionalInt viewedFrom, OptionalInt survivesFailures, String survivalRule, PoolAtRest atRest, List<HostPicture> hosts,
        List<PoolWarning> warnings) {
    public PoolPicture {
        Objects.requireNonNull(stack);
        Objects.requireNonNull(fencer);
        Objects.requireNonNull(atRest);
        hosts = List.copyOf(hosts);
        warnings = List.copyOf(warnings);
    }

    public boolean healthy() {
        return warnings.isEmpty();
    }

    public HostPicture local() {
        return hosts.stream().filter(HostPicture::local).findFirst().orElseThrow();
    }

    public Optional<PoolWarning> warning(WarningCode code) {
        return warnings.stream().filter(w -> w.code() == code).findFirst();
    }
}
