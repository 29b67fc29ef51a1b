package org.xcp.clusterstack.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One test of {@code cluster-stack verify}: which group it belongs to (the JUnit suite asserts per group)
 * and, when it failed, the one sentence that says why.
 */
public record Check(Group group, String name, Optional<String> failure) {
    /** The groups, in the order verify runs them. */
    public enum Group { STATIC, NO_DAEMON, START, LIVESET, MASTER, SHUTDOWN, CONFIG }

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
