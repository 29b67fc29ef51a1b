package org.xcp.clusterstack.corosync.membership;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code corosync-quorumtool -s -p} says (stacks.md §2.2). Quorum is decided by the exit status, 0
 * quorate and 2 not quorate; the text must agree with it and name the local node, or the answer is garbage.
 *
 * @param quorate votequorum's verdict for the local node
 * @param localNodeId the {@code Node ID:} line: the local node's corosync node id
 * @param ringId the {@code Ring ID:} line, for details ({@code ?} if absent)
 */
record QuorumStatus(boolean quorate, long localNodeId, String ringId) {
    static final int EXIT_QUORATE = 0;
    static final int EXIT_NOT_QUORATE = 2;
    static final String VOTEQUORUM = "corosync_votequorum";

    /** "Key:   value" in the first two blocks; the membership table that follows is not read. */
    private static final Pattern FIELD = Pattern.compile("([A-Za-z][A-Za-z ]*?):\\s*(.*)");

    /** Parses the output of a run that exited 0 or 2. */
    static QuorumStatus parse(int exitCode, String stdout) throws MalformedOutput {
        if (exitCode != EXIT_QUORATE && exitCode != EXIT_NOT_QUORATE) {
            throw new IllegalArgumentException("exit status " + exitCode + " carries no quorum status");
        }
        Map<String, String> fields = new HashMap<>();
        for (String raw : stdout.split("\n", -1)) {
            String line = raw.strip();
            if (line.equals("Membership information")) {
                break;
            }
            Matcher m = FIELD.matcher(line);
            if (m.matches() && fields.putIfAbsent(m.group(1), m.group(2).strip()) != null) {
                throw new MalformedOutput("corosync-quorumtool printed '" + m.group(1) + ":' twice");
            }
        }
        String provider = required(fields, "Quorum provider");
        if (!provider.equals(VOTEQUORUM)) {
            throw new MalformedOutput("corosync-quorumtool reports quorum provider " + MalformedOutput.quote(provider)
                    + ", not " + VOTEQUORUM);
        }
        String quorate = required(fields, "Quorate");
        if (!quorate.equals("Yes") && !quorate.equals("No")) {
            throw new MalformedOutput("corosync-quorumtool printed 'Quorate: " + quorate + "', not Yes or No");
        }
        boolean yes = quorate.equals("Yes");
        if (yes != (exitCode == EXIT_QUORATE)) {
            throw new MalformedOutput("corosync-quorumtool exited " + exitCode + " but printed 'Quorate: " + quorate
                    + "'");
        }
        String nodeId = required(fields, "Node ID");
        long id;
        try {
            id = Long.parseLong(nodeId);
        } catch (NumberFormatException e) {
            throw new MalformedOutput("corosync-quorumtool printed 'Node ID: " + nodeId + "', not a node id");
        }
        if (id <= 0 || id > 0xffffffffL) {
            throw new MalformedOutput("corosync-quorumtool printed node id " + id + ", outside 1..2^32-1");
        }
        return new QuorumStatus(yes, id, Optional.ofNullable(fields.get("Ring ID")).orElse("?"));
    }

    private static String required(Map<String, String> fields, String key) throws MalformedOutput {
        String value = fields.get(key);
        if (value == null || value.isEmpty()) {
            throw new MalformedOutput("corosync-quorumtool printed no '" + key + ":' line");
        }
        return value;
    }
}
