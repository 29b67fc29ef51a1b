package org.xcp.clusterstack.xhad.core;

import java.util.Optional;
import java.util.function.IntFunction;
import org.xcp.clusterstack.api.HostSet;

/**
 * FH3 of spec §7.3: does this host's side of a failure survive? Pure: everything comes in as sets.
 *
 * <ul>
 * <li><b>SR-1</b>: every live host I see on the statefile I also hear on the network, and I see at least one:
 * my partition holds the statefile and nothing on it is cut off from me.</li>
 * <li><b>Weighted largest partition</b>: each host I see on the statefile has a size, the hosts in both its
 * sfdomain and its hbdomain counted as 1 + 256 × weight (0 if its sfdomain is empty). The largest is the
 * leader; scanning in index order only a strictly larger size replaces it, so ties go to the lowest index.
 * I survive as the leader, or as a host the leader sees on both channels while I see it on both.</li>
 * <li><b>SR-2</b>: nobody I hear has the statefile, and every configured host I do not hear left on purpose
 * (excluded): the whole pool lost the statefile together and survives on the network alone.</li>
 * </ul>
 */
final class SurvivalRule {
    enum Verdict {
        SR1("SR-1: it holds the statefile and hears every host it sees there"),
        LARGEST_PARTITION("the largest partition (by weighted size, ties to the lowest index) holds it"),
        SR2("SR-2: the whole pool lost the statefile together, and every host it does not hear left on purpose"),
        LOSE("neither SR-1, nor the largest partition, nor SR-2 holds for its side");

        private final String meaning;

        Verdict(String meaning) {
            this.meaning = meaning;
        }

        /** The rule in words, for the journal. */
        String meaning() {
            return meaning;
        }

        boolean survives() {
            return this != LOSE;
        }
    }

    /** What a host reported of its own domains (through its statefile section) and its committed weight. */
    record Domains(HostSet hbdomain, HostSet sfdomain, int weight) {
    }

    /**
     * @param hbdomain my hbdomain, already trimmed by FH2 if it had to merge
     * @param sfdomain my sfdomain, likewise
     * @param reported each host's domains as read from its statefile section; mine are my own
     * @param withoutStatefile hosts that report no statefile access (me included when I have none)
     * @param excluded hosts whose excluded flag is set, as last read
     */
    record Input(int me, HostSet configured, HostSet liveset, HostSet hbdomain, HostSet sfdomain,
            IntFunction<Optional<Domains>> reported, HostSet withoutStatefile, HostSet excluded) {
    }

    private SurvivalRule() {
    }

    static Verdict decide(Input in) {
        HostSet hbd = in.hbdomain().intersect(in.liveset());
        HostSet sfd = in.sfdomain().intersect(in.liveset());
        if (!sfd.isEmpty() && sfd.intersect(hbd).equals(sfd)) {
            return Verdict.SR1;
        }
        Optional<Integer> leader = leader(in, sfd);
        if (leader.isPresent()) {
            int l = leader.get();
            if (l == in.me()) {
                return Verdict.LARGEST_PARTITION;
            }
            Domains theirs = in.reported().apply(l).orElseThrow();
            if (theirs.sfdomain().contains(in.me()) && theirs.hbdomain().contains(in.me()) && hbd.contains(l)
                    && sfd.contains(l)) {
                return Verdict.LARGEST_PARTITION;
            }
        }
        boolean nobodyHasStatefile = hbd.with(in.me()).intersect(in.withoutStatefile()).equals(hbd.with(in.me()));
        boolean othersLeftOnPurpose = in.configured().indexes().filter(i -> !hbd.contains(i) && i != in.me())
                .allMatch(in.excluded()::contains);
        return nobodyHasStatefile && othersLeftOnPurpose ? Verdict.SR2 : Verdict.LOSE;
    }

    /** The host with the largest size among those I see on the statefile; ties to the lowest index. */
    static Optional<Integer> leader(Input in, HostSet seenOnStatefile) {
        Optional<Integer> leader = Optional.empty();
        long best = -1;
        for (int h : seenOnStatefile.toArray()) {
            Optional<Domains> d = in.reported().apply(h);
            if (d.isEmpty()) {
                continue;
            }
            long size = size(in, d.get());
            if (size > best) {
                best = size;
                leader = Optional.of(h);
            }
        }
        return leader;
    }

    static long size(Input in, Domains d) {
        HostSet sf = d.sfdomain().intersect(in.liveset());
        if (sf.isEmpty()) {
            return 0;
        }
        return sf.intersect(d.hbdomain()).indexes()
                .mapToLong(k -> 1 + 256L * in.reported().apply(k).map(Domains::weight).orElse(1)).sum();
    }
}
