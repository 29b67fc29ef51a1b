package org.xcp.clusterstack.recover;

import java.util.Objects;
import org.xcp.clusterstack.api.OneLine;

/** One fact a diagnosis rests on, and where it was read: {@code statefile /dev/sdb: host 0's section: excluded}. */
public record Evidence(String source, String fact) {
    public Evidence {
        Objects.requireNonNull(source);
        fact = OneLine.of(fact);
    }

    public String line() {
        return source + ": " + fact;
    }
}
