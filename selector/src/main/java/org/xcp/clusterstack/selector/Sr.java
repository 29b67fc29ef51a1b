package org.xcp.clusterstack.selector;

import java.util.Objects;

/**
 * An SR as the selector sees it (selector.md §2, I1 and I2): its opaque reference, its UUID (which gives
 * the canonical order), its type, and whether the pool master has a PBD for it with
 * {@code currently_attached = true}. PBDs on other hosts place no constraint (R1).
 */
public record Sr(String ref, String uuid, String type, boolean attachedOnMaster) {
    /** @throws IllegalArgumentException if the reference or the UUID is empty: neither could name the SR */
    public Sr {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(type, "type");
        if (ref.isEmpty() || uuid.isEmpty()) {
            throw new IllegalArgumentException("an SR needs a non-empty ref and uuid");
        }
    }
}
