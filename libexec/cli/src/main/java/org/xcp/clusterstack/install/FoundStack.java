package org.xcp.clusterstack.install;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.xcp.clusterstack.api.manifest.ManifestDocument;

/**
 * A stack the catalog found: an in-tree one, whose classes are in the shared library, or one behind the door
 * ({@code <stacks-dir>/<name>/}), whose jars the daemon host adds to the shared library's.
 *
 * @param name its provider's name, which is its directory's name under the cluster-stack root
 * @param manifest what {@code manifest.xml} and {@code ha_supported_srs} will say, every override applied
 * @param door the door directory it came from; empty for an in-tree stack
 * @param jars the door stack's jars, in class-path order; empty for an in-tree stack
 */
public record FoundStack(String name, ManifestDocument manifest, Optional<Path> door, List<Path> jars) {
    public FoundStack {
        Objects.requireNonNull(name);
        Objects.requireNonNull(manifest);
        Objects.requireNonNull(door);
        jars = List.copyOf(jars);
    }

    /** A stack whose classes are in the shared library. */
    public static FoundStack inTree(ManifestDocument manifest) {
        return new FoundStack(manifest.name(), manifest, Optional.empty(), List.of());
    }

    public boolean throughTheDoor() {
        return door.isPresent();
    }
}
