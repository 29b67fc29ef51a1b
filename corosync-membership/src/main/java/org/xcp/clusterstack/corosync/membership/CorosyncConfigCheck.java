package org.xcp.clusterstack.corosync.membership;

import java.util.List;
import java.util.Optional;

/**
 * The corosync configurations this stack must not run on, read from the running daemon's cmap:
 * <ul>
 *   <li>no votequorum: without it there is no quorum to pet the watchdog on;</li>
 *   <li>corosync's own watchdog ({@code resources.watchdog_device}): a second fencer next to the daemon host's
 *       (stacks.md §2.6, §5.1 point 5);</li>
 *   <li>two nodes with {@code two_node} and neither {@code auto_tie_breaker} nor a quorum device: after a split
 *       both halves stay quorate (stacks.md §2.5, framework rule).</li>
 * </ul>
 */
final class CorosyncConfigCheck {
    private CorosyncConfigCheck() {
    }

    /** Why this corosync cannot carry the stack, in one sentence; empty when it can. */
    static Optional<String> problem(CmapKeys keys) throws MalformedOutput {
        Optional<String> provider = keys.string("quorum.provider");
        if (!provider.equals(Optional.of(QuorumStatus.VOTEQUORUM))) {
            return Optional.of("corosync runs " + provider.map(p -> "quorum provider '" + p + "'")
                    .orElse("without a quorum provider") + ": the stack needs quorum { provider: "
                    + QuorumStatus.VOTEQUORUM + " }");
        }
        Optional<String> watchdog = keys.string("resources.watchdog_device");
        if (watchdog.isPresent() && !watchdog.get().isEmpty() && !watchdog.get().equals("off")) {
            return Optional.of("corosync's own watchdog is configured (resources.watchdog_device: " + watchdog.get()
                    + "), a second fencer next to the stack's watchdog: set it to off");
        }
        List<CmapKeys.ConfiguredNode> nodes = keys.nodelist();
        boolean twoNode = keys.flag("quorum.two_node") || keys.flag("runtime.votequorum.two_node");
        boolean tieBreaker = keys.flag("quorum.auto_tie_breaker") || keys.hasKeyUnder("quorum.device.");
        if (nodes.size() == 2 && twoNode && !tieBreaker) {
            return Optional.of("corosync runs two nodes with two_node and neither auto_tie_breaker nor a quorum device,"
                    + " so after a split both halves stay quorate: add auto_tie_breaker: 1 or a qdevice");
        }
        return Optional.empty();
    }
}
