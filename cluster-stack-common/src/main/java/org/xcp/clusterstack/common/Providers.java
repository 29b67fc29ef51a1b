package org.xcp.clusterstack.common;

import java.util.List;
import java.util.ServiceLoader;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;

/** The stacks on the class path, found through {@link ServiceLoader}; libexec never names their classes. */
public final class Providers {
    private Providers() {
    }

    public static List<ClusterStackProvider> all() {
        return ServiceLoader.load(ClusterStackProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(p -> p.manifest().name())).toList();
    }

    public static ClusterStackProvider named(String stack) {
        return all().stream().filter(p -> p.manifest().name().equals(stack)).findFirst()
                .orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, "no cluster stack named '" + stack
                        + "' is installed with this daemon (have: " + all().stream()
                        .map(p -> p.manifest().name()).toList() + ")"));
    }
}
