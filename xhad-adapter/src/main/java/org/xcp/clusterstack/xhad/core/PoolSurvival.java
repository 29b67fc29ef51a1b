package org.xcp.clusterstack.xhad.core;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntUnaryOperator;
import org.xcp.clusterstack.api.HostSet;

/**
 * What-if questions on a pool at rest, answered by FH3's own {@link SurvivalRule} (never a copy of it): for the
 * admin CLI's {@code pool status} and {@code maintenance} preflight. A pool at rest is one where every live host
 * hears every other and sees on the statefile those that have it; a failure then either takes hosts away (a crash:
 * the rest still hear each other) or cuts the network in two (a split: each half still sees the other on the
 * statefile). The rule is then asked, for each host left, whether its side survives.
 *
 * @param configured the configured hosts
 * @param live the hosts live now
 * @param withStatefile the live hosts that reach the statefile
 * @param excluded the hosts whose excluded flag is set
 * @param weight each host's committed weight, as its statefile section reports it
 */
public record PoolSurvival(HostSet configured, HostSet live, HostSet withStatefile, HostSet excluded,
        IntUnaryOperator weight) {

    /** The hosts left after {@code failed} crash that survive by the rule (those that do not fence themselves). */
    public HostSet survivorsOfCrash(HostSet failed) {
        HostSet left = live.filter(i -> !failed.contains(i));
        return left.filter(i -> decide(i, left, left.intersect(withStatefile)).survives());
    }

    /** The hosts that survive when the network cuts {@code side} off the other live hosts (the statefile stays). */
    public HostSet survivorsOfSplit(HostSet side) {
        HostSet other = live.filter(i -> !side.contains(i));
        HostSet seen = live.intersect(withStatefile);
        return live.filter(i -> decide(i, side.contains(i) ? side : other, seen).survives());
    }

    /**
     * How many more host failures, in the worst case, the pool survives with at least one host alive: the largest
     * k such that every set of k live hosts crashing leaves a survivor. Empty when the pool is too large to try every
     * set ({@code limit} sets per size).
     */
    public OptionalInt failuresSurvived(long limit) {
        int n = live.size();
        int[] hosts = live.toArray();
        int k = 0;
        for (int size = 1; size < n; size++) {
            if (binomial(n, size) > limit) {
                return OptionalInt.empty();
            }
            if (!everyCrashLeavesSurvivor(hosts, size, 0, HostSet.EMPTY)) {
                return OptionalInt.of(k);
            }
            k = size;
        }
        return OptionalInt.of(k);
    }

    private boolean everyCrashLeavesSurvivor(int[] hosts, int size, int from, HostSet chosen) {
        if (chosen.size() == size) {
            return !survivorsOfCrash(chosen).isEmpty();
        }
        for (int j = from; j <= hosts.length - (size - chosen.size()); j++) {
            if (!everyCrashLeavesSurvivor(hosts, size, j + 1, chosen.with(hosts[j]))) {
                return false;
            }
        }
        return true;
    }

    private static long binomial(int n, int k) {
        long b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
            if (b > Long.MAX_VALUE / 64) {
                return Long.MAX_VALUE;
            }
        }
        return b;
    }

    /** Host {@code me}'s verdict when it hears {@code heard} and sees {@code seenOnStatefile}, as every host it hears. */
    private SurvivalRule.Verdict decide(int me, HostSet heard, HostSet seenOnStatefile) {
        HostSet sfdomain = withStatefile.contains(me) ? seenOnStatefile : HostSet.EMPTY;
        HostSet other = live.filter(i -> !heard.contains(i));
        HostSet without = live.filter(i -> !withStatefile.contains(i));
        SurvivalRule.Input in = new SurvivalRule.Input(me, configured, live, heard, sfdomain, h -> {
            if (!live.contains(h)) {
                return Optional.empty();
            }
            HostSet theirHeard = heard.contains(h) ? heard : other;
            return Optional.of(new SurvivalRule.Domains(theirHeard,
                    withStatefile.contains(h) ? seenOnStatefile : HostSet.EMPTY, weight.applyAsInt(h)));
        }, without, excluded);
        return SurvivalRule.decide(in);
    }
}
