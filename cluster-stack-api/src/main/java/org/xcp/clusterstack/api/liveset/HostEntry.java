package org.xcp.clusterstack.api.liveset;

import java.util.Objects;
import org.xcp.clusterstack.api.HaUuid;

/**
 * One {@code <host>} of an Online liveset. {@code index} is -1 when a document being read did not
 * carry a usable {@code HostIndex}; xapi ignores the index, so that is not an error.
 */
public record HostEntry(
        HaUuid id,
        int index,
        boolean live,
        boolean master,
        boolean statefileAccess,
        boolean statefileCorrupted,
        boolean excluded) {

    public HostEntry {
        Objects.requireNonNull(id, "id");
        OcamlRange.checkIndex("host index", index);
    }
}
