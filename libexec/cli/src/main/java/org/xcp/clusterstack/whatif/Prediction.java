package org.xcp.clusterstack.whatif;

import java.util.List;
import java.util.Optional;

/**
 * What {@code simulate} predicts: the hosts still running once the pool settled ({@code survivors}), each host that
 * fenced itself or was reset by its watchdog and when (seconds after the faults), when the survivors' livesets all
 * dropped each host that left, who holds the master lock after ({@code master}: the master before if it survived,
 * else nobody until xapi proposes), who would get the lock proposing alone ({@code candidates}) and who wins when
 * every survivor proposes at once ({@code lockRace}, as xapi does after a master's loss), the liveset xapi sees,
 * when every survivor's liveset came to say {@code statefile_lost} (and still did at the end), when the pool settled,
 * and what the prediction assumes.
 */
public record Prediction(String stack, List<Fault> faults, List<Integer> live, Optional<Integer> masterBefore,
        List<Integer> survivors, List<Fenced> fenced, List<Dropped> dropped, Optional<Integer> master,
        List<Integer> candidates, Optional<Integer> lockRace, List<Integer> liveset, Optional<Double> statefileLostS,
        Optional<Double> settledS, List<String> assumptions) {

    /** Host {@code host} fenced at {@code atS} seconds after the faults: {@code by} self-fence or watchdog. */
    public record Fenced(int host, double atS, String by, String why) {
    }

    /** Every survivor's liveset lacks {@code host} from {@code atS} seconds after the faults on. */
    public record Dropped(int host, double atS) {
    }

    public Prediction {
        faults = List.copyOf(faults);
        live = List.copyOf(live);
        survivors = List.copyOf(survivors);
        fenced = List.copyOf(fenced);
        dropped = List.copyOf(dropped);
        candidates = List.copyOf(candidates);
        liveset = List.copyOf(liveset);
        assumptions = List.copyOf(assumptions);
    }
}
