package org.xcp.clusterstack.common.fault;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.xcp.clusterstack.api.ExitCode;
import org.xcp.clusterstack.api.HaException;
import org.xcp.clusterstack.api.fault.FaultInjection;
import org.xcp.clusterstack.api.fault.FaultPoint;

/**
 * Which fault points are switched on in one daemon, safe to read from every I/O thread. A name is a
 * {@link FaultPoint#label()} optionally followed by {@code .once} (fire once, then off) or {@code .sticky}
 * (fire until disabled, the default). Unknown names are refused with exit 1 and the list of known ones.
 */
public final class FaultPoints implements FaultInjection {
    private enum Mode { ONCE, STICKY }

    private final Map<FaultPoint, Mode> enabled = new EnumMap<>(FaultPoint.class);

    /** A registry with the given names switched on (the daemon's command-line faults). */
    public static FaultPoints of(List<String> names) {
        FaultPoints faults = new FaultPoints();
        names.forEach(faults::enable);
        return faults;
    }

    public static FaultPoints none() {
        return new FaultPoints();
    }

    /** Switches a point on; returns the point the name denotes. */
    public synchronized FaultPoint enable(String name) {
        Parsed p = parse(name);
        enabled.put(p.point(), p.mode());
        return p.point();
    }

    /** Switches a point off, whatever suffix it was enabled with. */
    public synchronized FaultPoint disable(String name) {
        FaultPoint point = parse(name).point();
        enabled.remove(point);
        return point;
    }

    /** Whether the point fires now; a {@code .once} point fires only for the first caller. */
    @Override
    public synchronized boolean fires(FaultPoint point) {
        Mode mode = enabled.get(point);
        if (mode == Mode.ONCE) {
            enabled.remove(point);
        }
        return mode != null;
    }

    /** The switched-on points as names that {@link #enable} accepts, in catalogue order. */
    public synchronized List<String> enabledNames() {
        return enabled.entrySet().stream()
                .map(e -> e.getKey().label() + (e.getValue() == Mode.ONCE ? ".once" : ".sticky")).toList();
    }

    private record Parsed(FaultPoint point, Mode mode) {
    }

    private static Parsed parse(String name) {
        Mode mode = Mode.STICKY;
        String label = name;
        if (name.endsWith(".once")) {
            mode = Mode.ONCE;
            label = name.substring(0, name.length() - ".once".length());
        } else if (name.endsWith(".sticky")) {
            label = name.substring(0, name.length() - ".sticky".length());
        }
        String wanted = label;
        Optional<FaultPoint> point = Arrays.stream(FaultPoint.values()).filter(p -> p.label().equals(wanted)).findFirst();
        return new Parsed(point.orElseThrow(() -> new HaException(ExitCode.INVALID_PARAMETER, "unknown fault point \""
                + name + "\"; known: " + Arrays.stream(FaultPoint.values()).map(FaultPoint::label)
                .collect(Collectors.joining(", ")) + " (each may end in .once or .sticky)")), mode);
    }
}
