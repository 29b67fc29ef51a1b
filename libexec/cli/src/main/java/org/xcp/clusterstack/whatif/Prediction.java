package org.xcp.clusterstack.whatif;

import java.util.List;
import java.util.Optional;
import java.util.stream.DoubleStream;

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

    /**
     * Host {@code host} fenced at {@code atS} seconds after the faults ({@code by} self-fence, watchdog or the
     * manager), between {@code earliestS} and {@code latestS} over the phases the fault was tried at.
     */
    public record Fenced(int host, double atS, double earliestS, double latestS, String by, String why) {
        public Fenced(int host, double atS, String by, String why) {
            this(host, atS, atS, atS, by, why);
        }

        /** The same, with the times other phases gave. */
        Fenced over(DoubleStream others) {
            double[] t = DoubleStream.concat(DoubleStream.of(atS), others).sorted().toArray();
            return new Fenced(host, atS, t[0], t[t.length - 1], by, why);
        }
    }

    /** Every survivor's liveset lacks {@code host} from {@code atS} seconds after the faults on (and its range). */
    public record Dropped(int host, double atS, double earliestS, double latestS) {
        public Dropped(int host, double atS) {
            this(host, atS, atS, atS);
        }

        Dropped over(DoubleStream others) {
            double[] t = DoubleStream.concat(DoubleStream.of(atS), others).sorted().toArray();
            return new Dropped(host, atS, t[0], t[t.length - 1]);
        }
    }

    /** The main phase's times, each with the range {@code others} (the same faults at other phases) give. */
    Prediction over(List<Prediction> others) {
        List<Fenced> f = fenced.stream().map(x -> x.over(others.stream().flatMap(o -> o.fenced().stream())
                .filter(y -> y.host() == x.host()).mapToDouble(Fenced::atS))).toList();
        List<Dropped> d = dropped.stream().map(x -> x.over(others.stream().flatMap(o -> o.dropped().stream())
                .filter(y -> y.host() == x.host()).mapToDouble(Dropped::atS))).toList();
        List<String> a = new java.util.ArrayList<>(assumptions);
        others.stream().filter(o -> !o.survivors().equals(survivors) || !o.fenced().stream().map(Fenced::host)
                .toList().equals(fenced.stream().map(Fenced::host).toList())).findFirst().ifPresent(o -> a.add(
                        "at another phase the outcome differs: survivors " + o.survivors() + ", fenced "
                                + o.fenced().stream().map(Fenced::host).toList()));
        return new Prediction(stack, faults, live, masterBefore, survivors, f, d, master, candidates, lockRace, liveset,
                statefileLostS, settledS, a);
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
