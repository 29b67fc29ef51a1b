package org.xcp.clusterstack.whatif;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xcp.clusterstack.api.HostSet;

/**
 * What every stack's run shares once its faults landed: stepping the simulated pool until nothing changed for a
 * quiet span (or a bound), noting each host's fence, when the survivors' livesets dropped each host, and since when
 * every survivor has said statefile_lost. The stacks' simulators answer the questions below.
 */
abstract class SettlingTrial implements Trials.Trial {
    protected final PoolNow now;
    private final List<Prediction.Fenced> fenced = new ArrayList<>();
    private final List<Prediction.Dropped> dropped = new ArrayList<>();
    private Optional<Double> settled = Optional.empty();
    private Optional<Double> statefileLost = Optional.empty();
    private Duration faultAt;

    SettlingTrial(PoolNow now) {
        this.now = now;
    }

    /** The pool's virtual time. */
    abstract Duration time();

    /** One tick of the pool. */
    abstract void step();

    /** Host {@code i}'s fence, if it was fenced (a plain crash is not a fence). */
    abstract Optional<Prediction.Fenced> fenceOf(int i);

    /** The hosts of the pool whose daemons still run. */
    abstract HostSet runningNow();

    /** Host {@code i} runs Online. */
    abstract boolean online(int i);

    /** The hosts host {@code i}'s liveset shows live. */
    abstract HostSet liveIn(int i);

    /** Host {@code i}'s liveset says statefile_lost (SR-2, spec §7.3). */
    abstract boolean statefileLost(int i);

    /** Host {@code i}'s daemon hangs (it runs, but does nothing): a change when its watchdog then resets it. */
    boolean hung(int i) {
        return false;
    }

    /** Marks the instant the faults land: every time reported is counted from it. */
    final void faultsLandNow() {
        faultAt = time();
    }

    /**
     * Runs until nothing changed for {@code quiet} (who runs, each running host's state and liveset), at most
     * {@code bound} after the faults, noting each fence and each drop as it happens.
     */
    final void settle(Duration quiet, Duration bound) {
        Duration end = faultAt.plus(bound);
        Duration lastChange = faultAt;
        String state = state();
        HostSet noted = HostSet.EMPTY;
        HostSet droppedSoFar = HostSet.EMPTY;
        while (time().compareTo(end) < 0 && time().minus(lastChange).compareTo(quiet) < 0) {
            step();
            for (int i : now.live().toArray()) {
                Optional<Prediction.Fenced> fence = noted.contains(i) ? Optional.empty() : fenceOf(i);
                if (fence.isPresent()) {
                    noted = noted.with(i);
                    fenced.add(fence.get());
                }
            }
            HostSet alive = runningNow();
            for (int j : now.live().toArray()) {
                if (!droppedSoFar.contains(j) && !alive.isEmpty() && !alive.contains(j)
                        && alive.indexes().allMatch(i -> !liveIn(i).contains(j))) {
                    droppedSoFar = droppedSoFar.with(j);
                    dropped.add(new Prediction.Dropped(j, seconds(time())));
                }
            }
            boolean lost = !alive.isEmpty() && alive.indexes().allMatch(this::statefileLost);
            if (!lost) {
                statefileLost = Optional.empty();
            } else if (statefileLost.isEmpty()) {
                statefileLost = Optional.of(seconds(time()));
            }
            String s = state();
            if (!s.equals(state)) {
                state = s;
                lastChange = time();
            }
        }
        if (time().minus(lastChange).compareTo(quiet) >= 0) {
            settled = Optional.of(seconds(lastChange));
        }
    }

    /** What counts as a change: who runs, each running host's state and liveset, and its statefile_lost. */
    private String state() {
        StringBuilder b = new StringBuilder();
        HostSet running = runningNow();
        for (int i : now.live().toArray()) {
            b.append(i).append(running.contains(i) ? (online(i) ? "O" : "S") + liveIn(i)
                    + (statefileLost(i) ? "L" : "") : hung(i) ? "H" : "-");
        }
        return b.toString();
    }

    /** Seconds from the faults to {@code at}, to a tenth. */
    final double seconds(Duration at) {
        return Trials.seconds(faultAt, at);
    }

    @Override
    public final List<Prediction.Fenced> fenced() {
        return fenced;
    }

    @Override
    public final List<Prediction.Dropped> dropped() {
        return dropped;
    }

    @Override
    public final Optional<Double> statefileLost() {
        return statefileLost;
    }

    @Override
    public final Optional<Double> settled() {
        return settled;
    }

    @Override
    public final HostSet survivors() {
        return runningNow().filter(this::online);
    }

    @Override
    public final List<Integer> liveset() {
        HostSet s = survivors();
        return s.isEmpty() ? List.of() : Trials.list(liveIn(s.indexes().findFirst().getAsInt()));
    }
}
