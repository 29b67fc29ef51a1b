package org.xcp.clusterstack.api.manifest;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.HaScript;

/**
 * A stack manifest, {@code <cluster-stack-root>/<stack>/manifest.xml}: what a stack says about itself, as an
 * OCF agent's meta-data does. The schema is {@code stack-manifest.xsd} beside {@link ManifestReader}.
 *
 * @param name the stack's directory name (xapi's {@code ha_cluster_stack}); equals its provider's name
 * @param fencing {@code self} or the external manager that fences (o2cb, corosync+sbd, melio)
 * @param optionalScripts scripts xapi never runs, which a stack may leave out (xhad: {@code ha_clear_excluded})
 * @param supportedSrs the SR types of {@code ha_supported_srs}; empty = no file, any SR type
 * @param failover when survivors drop a host that stopped answering; empty = xhad's ({@link FailoverWindow#XHAD})
 */
public record ManifestDocument(String name, String version, String description, String fencing,
        Set<HaScript> optionalScripts, Optional<List<String>> supportedSrs, SuggestedTimeouts timeouts,
        Optional<FailoverWindow> failover) {
    public static final String FILE_NAME = "manifest.xml";
    /** Scripts xapi never calls, so a stack may leave them out. */
    public static final Set<HaScript> NEVER_CALLED = Set.of(HaScript.CLEAR_EXCLUDED);

    public ManifestDocument {
        Objects.requireNonNull(name);
        Objects.requireNonNull(version);
        Objects.requireNonNull(description);
        Objects.requireNonNull(fencing);
        Objects.requireNonNull(timeouts);
        Objects.requireNonNull(failover);
        optionalScripts = optionalScripts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(optionalScripts));
        for (HaScript s : optionalScripts) {
            if (!NEVER_CALLED.contains(s)) {
                throw new IllegalArgumentException(s.fileName() + " cannot be optional: xapi runs it");
            }
        }
        supportedSrs = supportedSrs.map(List::copyOf);
        if (supportedSrs.isPresent() && supportedSrs.get().isEmpty()) {
            throw new IllegalArgumentException("ha_supported_srs lists no SR type: say any=\"true\" or list some");
        }
    }

    /** A manifest that states no failover window (xhad's applies). */
    public ManifestDocument(String name, String version, String description, String fencing,
            Set<HaScript> optionalScripts, Optional<List<String>> supportedSrs, SuggestedTimeouts timeouts) {
        this(name, version, description, fencing, optionalScripts, supportedSrs, timeouts, Optional.empty());
    }

    /** The window verify holds the stack to: its own, or xhad's when it states none. */
    public FailoverWindow failoverWindow() {
        return failover.orElse(FailoverWindow.XHAD);
    }

    public boolean isOptional(HaScript script) {
        return optionalScripts.contains(script);
    }
}
