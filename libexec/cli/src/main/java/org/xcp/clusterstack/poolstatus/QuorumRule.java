package org.xcp.clusterstack.poolstatus;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xcp.clusterstack.api.HostSet;

/**
 * corosync's votequorum, as corosync itself states it in {@code corosync-quorumtool -s}: a partition is quorate
 * while it holds at least {@code Quorum:} votes (one per host). The count comes from corosync, never from a formula
 * here; without its answer nothing can be told.
 *
 * @param quorum the votes a partition needs, as corosync printed it; empty when it could not be asked
 * @param tieBreaker corosync's flags name AutoTieBreaker or a quorum device: an even split is then decided by
 *        corosync in a way this tool cannot see
 * @param why what was asked and what came back, when {@code quorum} is empty
 */
public record QuorumRule(OptionalInt quorum, boolean tieBreaker, String why) implements StackRule {
    private static final Pattern QUORUM = Pattern.compile("(?m)^Quorum:\\s+(\\d+)\\s*$");
    private static final Pattern FLAGS = Pattern.compile("(?m)^Flags:\\s+(.*)$");

    /** What {@code corosync-quorumtool -s} printed. */
    public static QuorumRule parse(String output) {
        Matcher q = QUORUM.matcher(output);
        if (!q.find()) {
            return unknown("corosync-quorumtool -s printed no 'Quorum:' line");
        }
        Matcher f = FLAGS.matcher(output);
        boolean tie = f.find() && (f.group(1).contains("AutoTieBreaker") || f.group(1).contains("Qdevice"));
        return new QuorumRule(OptionalInt.of(Integer.parseInt(q.group(1))), tie, "");
    }

    public static QuorumRule unknown(String why) {
        return new QuorumRule(OptionalInt.empty(), false, why);
    }

    @Override
    public String name() {
        return quorum.isPresent() ? "corosync's quorum (a partition needs " + quorum.getAsInt() + " votes)"
                : why;
    }

    @Override
    public OptionalInt failuresSurvived(PoolAtRest pool) {
        if (quorum.isEmpty()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.max(0, pool.live().size() - quorum.getAsInt()));
    }

    @Override
    public Optional<HostSet> survivorsOfSplit(PoolAtRest pool, HostSet side) {
        HostSet other = pool.live().filter(i -> !side.contains(i));
        if (quorum.isEmpty() || tieBreaker && side.size() == other.size()) {
            return Optional.empty();
        }
        int q = quorum.getAsInt();
        return Optional.of((side.size() >= q ? side : HostSet.EMPTY).union(other.size() >= q ? other : HostSet.EMPTY));
    }
}
