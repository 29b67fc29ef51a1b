package org.xcp.clusterstack.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.xcp.clusterstack.api.HostSet;
import org.xcp.clusterstack.common.sim.ScriptCalls;

/**
 * The one way every stack's what-if turns simulator runs into a prediction: a run at the first phase gives the
 * outcome; one more run per survivor, each proposing alone, says who can take the master lock; one with every
 * survivor proposing at once says who wins the race; runs at the other phases give each time's range.
 */
final class Trials {
    /** The fault is tried at this many phases, evenly spread over max(t1, t2): the times' range. */
    static final int PHASES = 5;
    static final long SEED = 1;

    /** What one deterministic run of the pool gave. */
    interface Trial {
        HostSet survivors();

        /** Who holds the lock at the end, by the statefile's global section. */
        Optional<Integer> master();

        List<Prediction.Fenced> fenced();

        List<Prediction.Dropped> dropped();

        List<Integer> liveset();

        Optional<Double> statefileLost();

        Optional<Double> settled();

        /** The hosts whose proposals (made once the pool settled) answered TRUE. */
        List<Integer> proposalsWon();
    }

    /** A stack's simulator: the pool as it is now, the faults at {@code phase}, then {@code propose}'s requests. */
    interface Simulator {
        Trial run(Function<ScriptCalls, List<Long>> propose, Duration phase);
    }

    private Trials() {
    }

    static Prediction predict(PoolNow now, List<Fault> faults, Simulator sim, Duration interval,
            List<String> assumptions) {
        Trial run = sim.run(pool -> List.of(), Duration.ZERO);
        HostSet survivors = run.survivors();
        Optional<Integer> master = run.master().filter(survivors::contains);
        List<Integer> candidates = new ArrayList<>();
        for (int s : survivors.toArray()) {
            if (sim.run(pool -> List.of(pool.proposeMaster(s)), Duration.ZERO).proposalsWon().contains(s)) {
                candidates.add(s);
            }
        }
        Optional<Integer> race = survivors.isEmpty() ? Optional.empty()
                : Optional.of(sim.run(pool -> survivors.indexes().mapToObj(pool::proposeMaster).toList(),
                        Duration.ZERO).proposalsWon()).filter(w -> w.size() == 1).map(w -> w.get(0));
        Prediction p = new Prediction(now.stack(), faults, list(now.live()), now.master(), list(survivors),
                run.fenced(), run.dropped(), master, candidates, master.isPresent() ? master : race, run.liveset(),
                run.statefileLost(), run.settled(), assumptions);
        return p.over(IntStream.range(1, PHASES)
                .mapToObj(k -> sim.run(pool -> List.of(), interval.multipliedBy(k).dividedBy(PHASES)))
                .map(r -> new Prediction(now.stack(), faults, p.live(), now.master(), list(r.survivors()), r.fenced(),
                        r.dropped(), p.master(), List.of(), Optional.empty(), List.of(), Optional.empty(),
                        Optional.empty(), List.of()))
                .toList());
    }

    static List<Integer> list(HostSet s) {
        return s.indexes().boxed().toList();
    }

    /** Seconds from {@code from} to {@code at}, to a tenth. */
    static double seconds(Duration from, Duration at) {
        return Math.round(at.minus(from).toMillis() / 100.0) / 10.0;
    }
}
