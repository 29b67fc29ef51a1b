package org.xcp.clusterstack.poolstatus;

import java.util.Locale;

/** The warnings of {@code pool status}, each one spelled as in its JSON ({@code docs/operators.md} lists them). */
public enum WarningCode {
    TWO_HOST_POOL,
    TIMEOUT_BELOW_STORAGE,
    SECOND_FENCER,
    FENCING_DISARMED,
    STARTING_TOO_LONG,
    EXCLUDED_BUT_RUNNING,
    NO_FAILURE_TOLERATED,
    /** A configured host that is neither live, starting nor excluded: it is down without having left. */
    HOST_NOT_LIVE,
    /** The global pool state is not ACTIVE. */
    POOL_NOT_ACTIVE,
    /** The survival rule could not be asked (no quorum answer, or too large a pool to try every failure). */
    SURVIVAL_UNKNOWN;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
