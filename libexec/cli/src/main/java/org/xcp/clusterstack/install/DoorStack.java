package org.xcp.clusterstack.install;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.xcp.clusterstack.api.ApiVersion;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.manifest.ManifestDocument;
import org.xcp.clusterstack.api.manifest.ManifestReader;
import org.xcp.clusterstack.api.spi.ClusterStackProvider;

/**
 * A stack behind the third-party door: {@code <stacks-dir>/<name>/} holds its jar(s) and, optionally,
 * {@code manifest.xml} and {@code ha_supported_srs}. It is one stack when
 * <ol>
 * <li>a jar in it declares a {@link ClusterStackProvider} ({@value #SERVICE}), and only one provider is declared;
 * <li>each jar that declares it records the API version it was built against ({@value ApiVersion#ATTRIBUTE} in its
 *     MANIFEST), and this runtime runs that version ({@link ApiVersion#runs}: same major, minor no newer);
 * <li>the provider's name is the directory's name.
 * </ol>
 * What it says about itself, the rule written once: {@code manifest.xml} in the directory, if there, replaces the
 * one the jar carries ({@code META-INF/cluster-stack/<name>.xml}; else one is made from the provider), and
 * {@code ha_supported_srs} in the directory, if there, replaces the SR types of whichever manifest applies.
 */
final class DoorStack {
    static final String SERVICE = "META-INF/services/" + ClusterStackProvider.class.getName();
    static final String SUPPORTED_SRS = "ha_supported_srs";

    private DoorStack() {
    }

    /** The stack in {@code dir}; exit 1 with one line saying what is wrong and what to do. */
    static FoundStack read(Path dir, String version) {
        Path door = dir.toAbsolutePath().normalize();
        String name = door.getFileName().toString();
        List<Path> jars = jars(door);
        List<Path> declaring = jars.stream().filter(DoorStack::declaresProvider).toList();
        if (declaring.isEmpty()) {
            throw refused(door, "no jar declares a ClusterStackProvider (its jar needs " + SERVICE
                    + ", naming the provider class)");
        }
        for (Path jar : declaring) {
            ApiVersion built = builtAgainst(jar);
            ApiVersion.CURRENT.refusal(built).ifPresent(why -> {
                throw refused(door, jar.getFileName() + " is " + why);
            });
        }
        try (URLClassLoader loader = new URLClassLoader("stack-" + name, urls(jars),
                DoorStack.class.getClassLoader())) {
            List<ClusterStackProvider> providers = providers(door, loader);
            if (providers.size() != 1) {
                throw refused(door, "its jars declare " + providers.size() + " stacks (" + String.join(", ",
                        providers.stream().map(p -> p.manifest().name()).toList()) + "): one stack per directory");
            }
            ClusterStackProvider provider = providers.get(0);
            String declared = provider.manifest().name();
            if (!declared.equals(name)) {
                throw refused(door, "its provider is stack '" + declared + "': the directory must be named as its"
                        + " provider (" + door.resolveSibling(declared) + ")");
            }
            ManifestDocument manifest = manifest(door, version, provider, loader);
            return new FoundStack(name, manifest, Optional.of(door), jars);
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "stack directory " + door + ": " + e);
        }
    }

    private static List<Path> jars(Path door) {
        try (Stream<Path> files = Files.list(door)) {
            List<Path> jars = files.filter(p -> p.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile).sorted().toList();
            if (jars.isEmpty()) {
                throw refused(door, "holds no jar (a stack's directory holds its jar(s), and optionally manifest.xml"
                        + " and " + SUPPORTED_SRS + ")");
            }
            return jars;
        } catch (IOException e) {
            throw new HaException(ExitCode.SYSTEM_ERROR, "cannot list the stack directory " + door + ": " + e);
        }
    }

    private static boolean declaresProvider(Path jar) {
        try (JarFile j = new JarFile(jar.toFile())) {
            return j.getEntry(SERVICE) != null;
        } catch (IOException e) {
            throw refused(jar.getParent(), jar.getFileName() + " is not a readable jar: " + e.getMessage());
        }
    }

    private static ApiVersion builtAgainst(Path jar) {
        Optional<ApiVersion> v;
        try (JarFile j = new JarFile(jar.toFile())) {
            v = ApiVersion.of(j.getManifest());
        } catch (IOException e) {
            throw refused(jar.getParent(), jar.getFileName() + " is not a readable jar: " + e.getMessage());
        } catch (HaException e) {
            throw refused(jar.getParent(), jar.getFileName() + ": " + e.getMessage());
        }
        return v.orElseThrow(() -> refused(jar.getParent(), jar.getFileName() + " does not say which API version it"
                + " was built against: add '" + ApiVersion.ATTRIBUTE + ": " + ApiVersion.CURRENT + "' to its MANIFEST"
                + " (cluster-stack-bom's cluster-stack.api.version)"));
    }

    /** The providers the door's own jars declare (the parent's, this tool's stacks, are not theirs). */
    private static List<ClusterStackProvider> providers(Path door, URLClassLoader loader) {
        List<ClusterStackProvider> found = new ArrayList<>();
        try {
            for (ServiceLoader.Provider<ClusterStackProvider> p : ServiceLoader.load(ClusterStackProvider.class,
                    loader).stream().toList()) {
                if (p.type().getClassLoader() == loader) {
                    found.add(p.get());
                }
            }
        } catch (ServiceConfigurationError | LinkageError e) {
            throw refused(door, "its provider cannot be loaded: " + e.getMessage());
        } catch (RuntimeException e) {
            throw refused(door, "its provider failed as it was made: " + e);
        }
        return found;
    }

    private static ManifestDocument manifest(Path door, String version, ClusterStackProvider provider,
            URLClassLoader loader) {
        ManifestDocument base;
        Path own = door.resolve(ManifestDocument.FILE_NAME);
        try {
            if (Files.exists(own)) {
                base = ManifestReader.read(own);
                if (!base.name().equals(provider.manifest().name())) {
                    throw refused(door, own.getFileName() + " names stack '" + base.name() + "' but its provider is '"
                            + provider.manifest().name() + "'");
                }
            } else {
                base = StackManifests.forDoorProvider(provider.manifest(), version, loader);
            }
        } catch (HaException e) {
            throw e.exitCode() == ExitCode.INVALID_PARAMETER ? e : refused(door, e.getMessage());
        }
        Path srs = door.resolve(SUPPORTED_SRS);
        if (!Files.exists(srs)) {
            return base;
        }
        List<String> types;
        try {
            String text = Files.readString(srs).strip();
            types = text.isEmpty() ? List.of() : List.of(text.split("\\s+"));
        } catch (IOException e) {
            throw refused(door, "cannot read " + SUPPORTED_SRS + ": " + e.getMessage());
        }
        if (types.isEmpty()) {
            throw refused(door, SUPPORTED_SRS + " lists no SR type (remove it to accept any SR type)");
        }
        return new ManifestDocument(base.name(), base.version(), base.description(), base.fencing(),
                base.optionalScripts(), Optional.of(types), base.timeouts(), base.failover());
    }

    private static URL[] urls(List<Path> jars) {
        try {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                urls[i] = jars.get(i).toUri().toURL();
            }
            return urls;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HaException refused(Path door, String why) {
        return new HaException(ExitCode.INVALID_PARAMETER, "stack directory " + door + ": " + why);
    }
}
