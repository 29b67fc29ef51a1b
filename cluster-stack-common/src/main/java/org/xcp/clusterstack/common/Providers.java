package org.xcp.clusterstack.common;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import org.xcp.clusterstack.api.ApiVersion;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;

/**
 * The stacks on the class path, found through {@link ServiceLoader}; libexec never names their classes. The daemon
 * host's class path is the shared library plus, for a stack behind the third-party door, the jars install named in
 * its {@code ha_env.rc}; install checked them ({@code StackCatalog}), and {@link #named} checks the API version rule
 * again, in case a jar was replaced since.
 */
public final class Providers {
    private Providers() {
    }

    public static List<ClusterStackProvider> all() {
        return ServiceLoader.load(ClusterStackProvider.class).stream().map(ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(p -> p.manifest().name())).toList();
    }

    public static ClusterStackProvider named(String stack) {
        ClusterStackProvider provider = all().stream().filter(p -> p.manifest().name().equals(stack)).findFirst()
                .orElseThrow(() -> new HaException(ExitCode.INVALID_ENVIRONMENT, "no cluster stack named '" + stack
                        + "' is installed with this daemon (have: " + all().stream()
                        .map(p -> p.manifest().name()).toList() + ")"));
        checkApiVersion(stack, provider);
        return provider;
    }

    /**
     * Exit 16 if the provider's jar records an API version this runtime does not run ({@link ApiVersion#runs}).
     * This project's own stacks are built with the runtime and record none.
     */
    static void checkApiVersion(String stack, ClusterStackProvider provider) {
        CodeSource source = provider.getClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return;
        }
        Path jar;
        try {
            jar = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            return; // classes in a directory: a build's own
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            ApiVersion.of(file.getManifest()).flatMap(ApiVersion.CURRENT::refusal).ifPresent(why -> {
                throw new HaException(ExitCode.INVALID_ENVIRONMENT, "stack " + stack + " (" + jar + ") is " + why);
            });
        } catch (IOException e) {
            throw new HaException(ExitCode.INVALID_ENVIRONMENT, "stack " + stack + ": cannot read " + jar + ": " + e);
        }
    }
}
