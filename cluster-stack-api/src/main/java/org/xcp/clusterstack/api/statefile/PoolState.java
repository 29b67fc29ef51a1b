package org.xcp.clusterstack.api.statefile;

import java.util.Optional;

/** The global section's {@code pool_state} (spec §5.2, §7.8). */
public enum PoolState {
    NONE(0),
    INIT(1),
    ACTIVE(2),
    INVALID(3);

    private final int code;

    PoolState(int code) {
        this.code = code;
    }

    /** The value stored in the statefile. */
    public int code() {
        return code;
    }

    /** Empty for a number no xhad ever writes, so a corrupted field cannot be mistaken for a state. */
    public static Optional<PoolState> fromCode(int code) {
        for (PoolState state : values()) {
            if (state.code == code) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
