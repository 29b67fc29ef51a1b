package org.xcp.clusterstack.corosync.membership;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.xcp.clusterstack.api.HaUuid;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.MembershipView;

/**
 * One reading of corosync (quorum from the tool's exit status, membership from cmap) put in the pool's terms.
 * A node's {@code name} in the nodelist is its xapi host UUID, with or without dashes, in any case. Nodes and
 * hosts that do not pair up are named in the detail; the view is quorate only if votequorum says so and the
 * local corosync node is this host and is joined (stacks.md §2.2, liveset mapping).
 */
final class CorosyncReading {
    /** How many unpaired nodes or hosts a detail names before "and N more". */
    private static final int NAMED_PROBLEMS = 3;

    private CorosyncReading() {
    }

    static MembershipView view(QuorumStatus quorum, CmapKeys keys, DaemonConfig config) throws MalformedOutput {
        List<CmapKeys.ConfiguredNode> nodelist = keys.nodelist();
        if (nodelist.isEmpty()) {
            throw new MalformedOutput("corosync-cmapctl lists no nodelist (the stack needs one naming every host)");
        }
        Optional<Long> thisNode = keys.integer("runtime.votequorum.this_node_id");
        if (thisNode.isPresent() && thisNode.get() != quorum.localNodeId()) {
            throw new MalformedOutput("corosync-quorumtool says the local node is " + quorum.localNodeId()
                    + " but cmap's runtime.votequorum.this_node_id is " + thisNode.get());
        }
        List<String> problems = new ArrayList<>();
        Map<Long, HaUuid> hostOf = new HashMap<>();
        Map<HaUuid, Long> nodeOf = new HashMap<>();
        for (CmapKeys.ConfiguredNode node : nodelist) {
            Optional<HaUuid> host = poolHost(node.name(), config);
            if (host.isEmpty()) {
                continue;
            }
            Long other = nodeOf.put(host.get(), node.nodeId());
            if (other != null) {
                throw new MalformedOutput("corosync's nodelist names host " + host.get() + " twice (nodeids " + other
                        + " and " + node.nodeId() + ")");
            }
            hostOf.put(node.nodeId(), host.get());
        }
        Map<Long, String> nameOf = new HashMap<>();
        nodelist.forEach(n -> nameOf.put(n.nodeId(), n.name()));

        Set<Long> joined = keys.joined();
        Set<HaUuid> members = new TreeSet<>();
        List<String> strangers = new ArrayList<>();
        for (long id : joined) {
            HaUuid host = hostOf.get(id);
            if (host != null) {
                members.add(host);
            } else {
                strangers.add(id + (nameOf.containsKey(id) ? " ('" + nameOf.get(id) + "')" : " (not in the nodelist)"));
            }
        }
        if (!strangers.isEmpty()) {
            problems.add("joined nodes that are not pool hosts: " + list(strangers));
        }
        List<String> absent = config.hosts().stream().map(h -> h.id()).filter(h -> !nodeOf.containsKey(h))
                .map(HaUuid::toString).toList();
        if (!absent.isEmpty()) {
            problems.add("pool hosts missing from corosync's nodelist: " + list(absent));
        }

        long local = quorum.localNodeId();
        HaUuid me = config.local().hostId();
        String notMe = null;
        if (!me.equals(hostOf.get(local))) {
            notMe = "the local corosync node " + local + (nameOf.containsKey(local) ? " is named '" + nameOf.get(local)
                    + "'" : " is not in the nodelist") + ", not this host " + me;
        } else if (!joined.contains(local)) {
            notMe = "cmap does not list the local node " + local + " as joined";
        }
        boolean quorate = quorum.quorate() && notMe == null;
        StringBuilder detail = new StringBuilder("corosync ring ").append(quorum.ringId()).append(": ")
                .append(quorum.quorate() ? "quorate" : "not quorate").append(", ").append(members.size())
                .append(" of ").append(config.hostCount()).append(" pool hosts joined");
        if (notMe != null) {
            detail.append("; ").append(notMe);
        }
        for (String p : problems) {
            detail.append("; ").append(p);
        }
        return new MembershipView(true, quorate, members, detail.toString());
    }

    private static Optional<HaUuid> poolHost(String name, DaemonConfig config) {
        try {
            HaUuid id = HaUuid.parse(name.strip());
            return config.host(id).map(h -> id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String list(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(NAMED_PROBLEMS, items.size())));
        int more = items.size() - NAMED_PROBLEMS;
        return more > 0 ? shown + " and " + more + " more" : shown;
    }
}
