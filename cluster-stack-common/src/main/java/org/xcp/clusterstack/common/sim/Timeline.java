package org.xcp.clusterstack.common.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/** A schedule of faults and script calls on a simulated pool {@code P}, in virtual time, drawn from a seed. */
public final class Timeline<P> {
    /** One thing that happens to the pool at {@code at}. */
    public record Event<P>(Duration at, String what, Consumer<P> apply) {
    }

    private final List<Event<P>> events = new ArrayList<>();

    public void add(Duration at, String what, Consumer<P> apply) {
        events.add(new Event<>(at, what, apply));
    }

    /** The events in time order. */
    public List<Event<P>> events() {
        return events.stream().sorted(Comparator.comparing(Event::at)).toList();
    }

    /** A random instant between {@code minSeconds} and {@code maxSeconds} after {@code from}. */
    public static Duration at(Random r, Duration from, int minSeconds, int maxSeconds) {
        return from.plusMillis(1000L * minSeconds + r.nextInt(1000 * (maxSeconds - minSeconds)));
    }

    /** {@code title}, then one indented line per event. */
    public String describe(String title) {
        StringBuilder s = new StringBuilder(title);
        events().forEach(e -> s.append("\n    ").append(e.at()).append(' ').append(e.what()));
        return s.toString();
    }
}
