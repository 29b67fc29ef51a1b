package org.xcp.clusterstack.poolstatus;

import java.util.Objects;

/** One warning: what is wrong (one sentence, with the evidence) and what to do about it. */
public record PoolWarning(WarningCode code, String message, String fix) {
    public PoolWarning {
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
        Objects.requireNonNull(fix);
    }
}
