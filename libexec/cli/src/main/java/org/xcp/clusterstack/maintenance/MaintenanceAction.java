package org.xcp.clusterstack.maintenance;

import java.util.List;
import java.util.Locale;
import org.xcp.clusterstack.api.HaScript;

/**
 * Entering or leaving maintenance, as the scripts xapi runs for a host that shuts down cleanly and for one that
 * comes back (docs/operators.md): entering disarms fencing first, so that stopping cannot fence the host, and
 * sets the excluded flag last, so that the others drop it as having left on purpose; leaving clears the flag
 * before starting, since an excluded host cannot start alone (18).
 */
public enum MaintenanceAction {
    ENTER(List.of(HaScript.DISARM_FENCING, HaScript.STOP_DAEMON, HaScript.SET_EXCLUDED)),
    EXIT(List.of(HaScript.CLEAR_EXCLUDED, HaScript.START_DAEMON));

    private final List<HaScript> steps;

    MaintenanceAction(List<HaScript> steps) {
        this.steps = steps;
    }

    public List<HaScript> steps() {
        return steps;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
