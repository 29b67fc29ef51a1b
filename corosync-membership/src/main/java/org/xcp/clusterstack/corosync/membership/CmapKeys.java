package org.xcp.clusterstack.corosync.membership;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The keys {@code corosync-cmapctl PREFIX...} listed, one {@code key (type) = value} per line (stacks.md §2.2).
 * Every line must have that shape; keys this reader does not use are kept but never looked at.
 */
final class CmapKeys {
    /** The prefixes read: the nodelist, membership under both documented prefixes, votequorum, the config. */
    static final List<String> PREFIXES = List.of("nodelist.node.", "runtime.members.", "runtime.totem.members.",
            "runtime.votequorum.", "quorum.", "resources.watchdog_device");

    private static final Pattern LINE = Pattern.compile("(\\S+) \\(([a-z0-9]+)\\) = (.*)");
    private static final Pattern NODELIST = Pattern.compile("nodelist\\.node\\.(\\d{1,9})\\.(nodeid|name)");
    private static final Pattern MEMBER_STATUS =
            Pattern.compile("runtime\\.(?:totem\\.)?members\\.(\\d{1,10})\\.status");
    private static final Set<String> INTEGER_TYPES = Set.of("u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64");

    private record Value(String type, String text) {
    }

    /** One {@code nodelist.node.<position>} entry; the name is empty when the entry has none. */
    record ConfiguredNode(int position, long nodeId, String name) {
    }

    private final Map<String, Value> keys;

    private CmapKeys(Map<String, Value> keys) {
        this.keys = keys;
    }

    static CmapKeys parse(String stdout) throws MalformedOutput {
        Map<String, Value> keys = new HashMap<>();
        String[] lines = stdout.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[n]);
            if (!m.matches()) {
                throw new MalformedOutput("line " + (n + 1) + " of corosync-cmapctl's output is not"
                        + " 'key (type) = value': " + MalformedOutput.quote(lines[n]));
            }
            if (keys.put(m.group(1), new Value(m.group(2), m.group(3).strip())) != null) {
                throw new MalformedOutput("corosync-cmapctl listed " + m.group(1) + " twice");
            }
        }
        return new CmapKeys(keys);
    }

    Optional<String> string(String key) {
        return Optional.ofNullable(keys.get(key)).map(Value::text);
    }

    Optional<Long> integer(String key) throws MalformedOutput {
        Value v = keys.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (INTEGER_TYPES.contains(v.type())) {
            try {
                return Optional.of(Long.parseLong(v.text()));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new MalformedOutput("corosync-cmapctl gave " + key + " = " + MalformedOutput.quote(v.text()) + " ("
                + v.type() + "), not an integer");
    }

    /** A boolean option of corosync.conf ({@code two_node: 1}): set and not 0. */
    boolean flag(String key) throws MalformedOutput {
        return integer(key).map(v -> v != 0).orElse(false);
    }

    boolean hasKeyUnder(String prefix) {
        return keys.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** The nodelist in position order. Every entry needs a node id, and no two may share one. */
    List<ConfiguredNode> nodelist() throws MalformedOutput {
        Map<Integer, Long> ids = new TreeMap<>();
        Map<Integer, String> names = new HashMap<>();
        for (Map.Entry<String, Value> e : keys.entrySet()) {
            Matcher m = NODELIST.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            int position = Integer.parseInt(m.group(1));
            if (m.group(2).equals("name")) {
                names.put(position, e.getValue().text());
            } else {
                ids.put(position, integer(e.getKey()).orElseThrow());
            }
        }
        for (Integer position : names.keySet()) {
            if (!ids.containsKey(position)) {
                throw new MalformedOutput("corosync's nodelist entry " + position + " has a name but no nodeid");
            }
        }
        Set<Long> seen = new TreeSet<>();
        List<ConfiguredNode> nodes = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : ids.entrySet()) {
            if (!seen.add(e.getValue())) {
                throw new MalformedOutput("corosync's nodelist gives nodeid " + e.getValue() + " twice");
            }
            nodes.add(new ConfiguredNode(e.getKey(), e.getValue(), names.getOrDefault(e.getKey(), "")));
        }
        return Collections.unmodifiableList(nodes);
    }

    /**
     * The node ids whose {@code runtime.members.<id>.status} (or the man page's
     * {@code runtime.totem.members.<id>.status}) is {@code joined}; departed nodes stay listed as {@code left}.
     */
    Set<Long> joined() throws MalformedOutput {
        Set<Long> joined = new TreeSet<>();
        for (Map.Entry<String, Value> e : keys.entrySet()) {
            Matcher m = MEMBER_STATUS.matcher(e.getKey());
            if (!m.matches()) {
                continue;
            }
            if (e.getValue().text().equals("joined")) {
                joined.add(Long.parseLong(m.group(1)));
            }
        }
        return joined;
    }
}
