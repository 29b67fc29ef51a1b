package org.xcp.clusterstack.selector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The storage drivers' {@code required_cluster_stack} (selector.md §2, I3): SR type to an ordered list of
 * alternatives, any one of which satisfies the driver. An empty list is no constraint; a type that is not in
 * the table at all is an error wherever a driver is looked up (R2, §9 step 2).
 *
 * <p>xapi uses the first SM record of a type when two share it; a map holds one list per type, so whoever
 * builds the table decides which one that is.
 */
public record DriverTable(Map<String, List<String>> requiredClusterStack) {
    public DriverTable {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        Objects.requireNonNull(requiredClusterStack, "requiredClusterStack")
                .forEach((type, list) -> copy.put(Objects.requireNonNull(type, "type"), List.copyOf(list)));
        requiredClusterStack = java.util.Collections.unmodifiableMap(copy);
    }

    public static DriverTable of(Map<String, List<String>> requiredClusterStack) {
        return new DriverTable(requiredClusterStack);
    }

    /** The constraint list of the drivers of that SR type, in driver order; empty if no driver has the type. */
    public Optional<List<String>> constraintList(String srType) {
        return Optional.ofNullable(requiredClusterStack.get(srType));
    }

    /** The SR's constraint list. @throws SelectorError {@code INTERNAL_ERROR} if no driver has its type (R2) */
    List<String> constraintListOf(Sr sr) {
        return constraintList(sr.type()).orElseThrow(() -> SelectorError.srTypeNotFound(sr));
    }
}
