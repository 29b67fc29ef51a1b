package org.xcp.clusterstack.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stack's provider says about itself. The installed {@code <root>/<stack>/manifest.xml} is the
 * stack's {@link org.xcp.clusterstack.api.manifest.ManifestDocument}, whose name and SR types must match these.
 *
 * @param name the stack's directory name under cluster-stack-root (xapi's {@code ha_cluster_stack})
 * @param description one line for people
 * @param fencing who fences: {@code self} (this stack's daemon owns the watchdog, like xhad) or the name
 *        of the external manager that does (o2cb, corosync+sbd, melio)
 * @param supportedSrs the SR types whose statefile this stack accepts (written as {@code ha_supported_srs});
 *        empty = no file, any SR type
 */
public record StackManifest(String name, String description, String fencing, Optional<List<String>> supportedSrs) {
    public StackManifest {
        Objects.requireNonNull(name);
        Objects.requireNonNull(description);
        Objects.requireNonNull(fencing);
        supportedSrs = supportedSrs.map(List::copyOf);
    }
}
