package org.xcp.clusterstack.xapiconf;

import java.util.Objects;

/** The {@link Origin} of each value of an {@link XapiConf}. */
public record Origins(Origin clusterStackRoot, Origin clusterStackDefault) {
    public Origins {
        Objects.requireNonNull(clusterStackRoot, "clusterStackRoot");
        Objects.requireNonNull(clusterStackDefault, "clusterStackDefault");
    }
}
