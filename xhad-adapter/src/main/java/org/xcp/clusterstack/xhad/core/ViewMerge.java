package org.xcp.clusterstack.xhad.core;

import java.util.Comparator;
import java.util.Optional;
import java.util.function.IntFunction;
import org.xcp.clusterstack.api.HostSet;

/**
 * FH2's way out when the members never agree on their domains (spec §7.3): instead of fencing everyone it
 * trims the membership to a fully connected group. It drops hosts that report an empty sfdomain, then hosts
 * not in my sfdomain, then repeatedly the host whose hbdomain scores lowest (weight × 0x10000 + size × 0x100
 * + (64 − lowest index in the domain); equal scores drop the higher index, keeping the domain with the lower
 * one) until every remaining host hears every other. Every member that reads the same sections computes the
 * same group, so the hosts left out know they lost.
 */
final class ViewMerge {
    private ViewMerge() {
    }

    /**
     * @param members the liveset members I reach on either channel, me included
     * @param mySfdomain my own sfdomain
     * @param reported each member's domains as it reported them (statefile section, else heartbeat)
     */
    static HostSet keep(HostSet members, HostSet mySfdomain, IntFunction<Optional<SurvivalRule.Domains>> reported) {
        HostSet keep = members;
        boolean anyoneHasStatefile = members.indexes()
                .anyMatch(i -> reported.apply(i).map(d -> !d.sfdomain().isEmpty()).orElse(false));
        if (anyoneHasStatefile) {
            for (int i : members.toArray()) {
                boolean emptySf = reported.apply(i).map(d -> d.sfdomain().isEmpty()).orElse(true);
                if (emptySf || !mySfdomain.contains(i)) {
                    keep = keep.without(i);
                }
            }
        }
        while (!fullyConnected(keep, reported)) {
            HostSet group = keep;
            int drop = group.indexes().boxed().min(Comparator.<Integer>comparingLong(i -> score(group, i, reported))
                    .thenComparing(Comparator.<Integer>reverseOrder())).orElseThrow();
            keep = keep.without(drop);
        }
        return keep;
    }

    static long score(HostSet group, int host, IntFunction<Optional<SurvivalRule.Domains>> reported) {
        Optional<SurvivalRule.Domains> d = reported.apply(host);
        HostSet domain = d.map(SurvivalRule.Domains::hbdomain).orElse(HostSet.EMPTY).intersect(group);
        int weight = d.map(SurvivalRule.Domains::weight).orElse(1);
        int lowest = domain.indexes().findFirst().orElse(HostSet.MAX_HOSTS);
        return weight * 0x10000L + domain.size() * 0x100L + (HostSet.MAX_HOSTS - lowest);
    }

    private static boolean fullyConnected(HostSet group, IntFunction<Optional<SurvivalRule.Domains>> reported) {
        return group.indexes().allMatch(a -> {
            HostSet heard = reported.apply(a).map(SurvivalRule.Domains::hbdomain).orElse(HostSet.EMPTY);
            return group.intersect(heard).equals(group);
        });
    }
}
