package org.xcp.clusterstack.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One test of {@code cluster-stack verify}: which group it belongs to (the JUnit suite asserts per group)
 * and, when it failed, the one sentence that says why.
 */
public record Check(Group group, String name, Optional<String> failure) {
    /** The groups, in the order verify runs them. */
    public enum Group {
        STATIC, NO_DAEMON, START, LIVESET, MASTER, SHUTDOWN,
        /** A start under INIT with the other hosts down: Starting, propose 17, never Online (§7.1, §7.8). */
        STARTING,
        /** set_excluded under a running daemon ends it (§1.10); an excluded host alone cannot start: 18 (§7.7). */
        EXCLUDED,
        /** The statefile's version or generation changed under running daemons: they end, a start is 9 or 10. */
        STATEFILE_CHANGE,
        /** A master that stops answering: shown dead, still master, within the stack's window (§4.1, §7.3). */
        FAILOVER,
        /** A slave that loses the statefile still shows the live master, or is fenced (§4.2, §7.3). */
        STATEFILE_LOSS,
        /** INIT written while daemons run: they end (§7.8). */
        POOL_STATE,
        CONFIG
    }

    public Check {
        Objects.requireNonNull(group);
        Objects.requireNonNull(name);
        Objects.requireNonNull(failure);
    }

    static Check passed(Group group, String name) {
        return new Check(group, name, Optional.empty());
    }

    static Check failed(Group group, String name, String sentence) {
        return new Check(group, name, Optional.of(sentence));
    }

    public boolean ok() {
        return failure.isEmpty();
    }
}
