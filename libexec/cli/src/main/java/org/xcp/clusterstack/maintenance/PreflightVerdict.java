package org.xcp.clusterstack.maintenance;

import java.util.List;

/**
 * What the preflight found: the refusals (each one sentence: why, and what {@code --force} would risk), the notes
 * that do not stop it, and whether there is anything to do at all.
 */
public record PreflightVerdict(List<String> refusals, List<String> notes, boolean nothingToDo) {
    public PreflightVerdict {
        refusals = List.copyOf(refusals);
        notes = List.copyOf(notes);
    }

    public boolean refused() {
        return !refusals.isEmpty();
    }
}
