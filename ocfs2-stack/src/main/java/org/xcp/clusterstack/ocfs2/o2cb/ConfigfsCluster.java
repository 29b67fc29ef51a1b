package org.xcp.clusterstack.ocfs2.o2cb;

import static org.xcp.clusterstack.ocfs2.o2cb.ConfigfsFiles.failure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The o2cb cluster as configfs shows it (stacks.md §3.3): {@code <configfs>/cluster/<cluster>/node/<name>/
 * {num,local,ipv4_address}}, {@code heartbeat/{dead_threshold,mode}} and {@code heartbeat/<region>/
 * {block_bytes,start_block,blocks,dev,pid}}. Read strictly: a missing or garbled file is exit 16 naming it.
 *
 * @param dir {@code <configfs>/cluster/<cluster>}
 * @param nodes by node number
 * @param regions by name, started or not
 */
public record ConfigfsCluster(Path dir, String name, HeartbeatMode mode, int deadThreshold, List<O2cbNode> nodes,
        List<HeartbeatRegion> regions) {
    /** The kernel ignores a {@code dead_threshold} of 2 or less ({@code O2HB_MIN_DEAD_THRESHOLD}). */
    public static final int MIN_DEAD_THRESHOLD = 3;
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    public ConfigfsCluster {
        Objects.requireNonNull(dir);
        Objects.requireNonNull(name);
        Objects.requireNonNull(mode);
        nodes = List.copyOf(nodes);
        regions = List.copyOf(regions);
    }

    /**
     * Reads the cluster named {@code cluster}, or the only one under {@code <configfs>/cluster} (only one
     * o2cb cluster can be active on a host, stacks.md §3.1).
     */
    public static ConfigfsCluster read(Path configfs, Optional<String> cluster) {
        Path dir = clusterDir(configfs, cluster);
        Path heartbeat = dir.resolve("heartbeat");
        HeartbeatMode mode = mode(heartbeat.resolve("mode"));
        int threshold = (int) ConfigfsFiles.number(heartbeat.resolve("dead_threshold"), MIN_DEAD_THRESHOLD,
                Integer.MAX_VALUE);
        List<HeartbeatRegion> regions = new ArrayList<>();
        for (Path r : ConfigfsFiles.directories(heartbeat)) {
            regions.add(region(r));
        }
        return new ConfigfsCluster(dir, dir.getFileName().toString(), mode, threshold, nodes(dir.resolve("node")),
                regions);
    }

    /** The cluster's directory; exit 16 when there is none, or several and no name was given. */
    public static Path clusterDir(Path configfs, Optional<String> cluster) {
        Path root = configfs.resolve("cluster");
        if (!Files.isDirectory(root)) {
            throw failure(root, "does not exist: configfs is not mounted there or o2cb's node manager"
                    + " (ocfs2_nodemanager) is not loaded");
        }
        if (cluster.isPresent()) {
            Path dir = root.resolve(cluster.get());
            if (!Files.isDirectory(dir)) {
                throw failure(dir, "does not exist: o2cb cluster '" + cluster.get() + "' is not online");
            }
            return dir;
        }
        List<Path> all = ConfigfsFiles.directories(root);
        if (all.isEmpty()) {
            throw failure(root, "holds no cluster: no o2cb cluster is online");
        }
        if (all.size() > 1) {
            throw failure(root, "holds several clusters " + all.stream().map(p -> p.getFileName().toString())
                    .toList() + ": name one with the setting o2cb.cluster");
        }
        return all.get(0);
    }

    /**
     * The regions whose heartbeat thread runs ({@code pid} not empty) in every cluster under
     * {@code <configfs>/cluster}, or only in {@code cluster} when given; none if configfs shows no cluster.
     * Only {@code pid} is read, so a region whose other files are unreadable still counts.
     */
    public static List<String> activeRegions(Path configfs, Optional<String> cluster) {
        Path root = configfs.resolve("cluster");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<Path> clusters = cluster.map(c -> List.of(root.resolve(c))).orElseGet(() -> ConfigfsFiles.directories(root));
        List<String> active = new ArrayList<>();
        for (Path c : clusters) {
            Path heartbeat = c.resolve("heartbeat");
            if (!Files.isDirectory(heartbeat)) {
                continue;
            }
            for (Path r : ConfigfsFiles.directories(heartbeat)) {
                if (pid(r.resolve("pid")).isPresent()) {
                    active.add(r.getFileName().toString());
                }
            }
        }
        return active;
    }

    /** The node with {@code local = 1}. */
    public O2cbNode localNode() {
        return nodes.stream().filter(O2cbNode::local).findFirst()
                .orElseThrow(() -> failure(dir.resolve("node"), "no node has local = 1: this host is not a node"
                        + " of o2cb cluster " + name));
    }

    public List<HeartbeatRegion> startedRegions() {
        return regions.stream().filter(HeartbeatRegion::started).toList();
    }

    public Optional<O2cbNode> node(int number) {
        return nodes.stream().filter(n -> n.number() == number).findFirst();
    }

    private static HeartbeatMode mode(Path file) {
        String v = ConfigfsFiles.text(file);
        for (HeartbeatMode m : HeartbeatMode.values()) {
            if (m.text().equals(v)) {
                return m;
            }
        }
        throw failure(file, "expected local or global, got '" + v + "'");
    }

    private static List<O2cbNode> nodes(Path dir) {
        List<O2cbNode> nodes = new ArrayList<>();
        Map<Integer, String> byNumber = new HashMap<>();
        String local = null;
        for (Path n : ConfigfsFiles.directories(dir)) {
            String name = n.getFileName().toString();
            int number = (int) ConfigfsFiles.number(n.resolve("num"), 0, O2cbNode.MAX_NUMBER);
            String previous = byNumber.putIfAbsent(number, name);
            if (previous != null) {
                throw failure(n.resolve("num"), "node number " + number + " is also node " + previous + "'s");
            }
            boolean isLocal = ConfigfsFiles.number(n.resolve("local"), 0, 1) == 1;
            if (isLocal && local != null) {
                throw failure(n.resolve("local"), "a second local node (" + local + " is local too)");
            }
            if (isLocal) {
                local = name;
            }
            Path address = n.resolve("ipv4_address");
            String ip = ConfigfsFiles.text(address);
            if (!IPV4.matcher(ip).matches()) {
                throw failure(address, "expected an IPv4 address, got '" + ip + "'");
            }
            nodes.add(new O2cbNode(name, number, isLocal, ip));
        }
        nodes.sort(Comparator.comparingInt(O2cbNode::number));
        return nodes;
    }

    private static HeartbeatRegion region(Path r) {
        String dev = ConfigfsFiles.text(r.resolve("dev"));
        int blockBytes = (int) ConfigfsFiles.number(r.resolve("block_bytes"), 0, Integer.MAX_VALUE);
        long startBlock = ConfigfsFiles.number(r.resolve("start_block"), 0, Long.MAX_VALUE / 4096);
        int blocks = (int) ConfigfsFiles.number(r.resolve("blocks"), 0, Integer.MAX_VALUE);
        if (!dev.isEmpty()) {
            // the kernel refuses to start a region without these (heartbeat.c, o2hb_region_dev_store)
            if (!HeartbeatBlockCodec.validBlockBytes(blockBytes)) {
                throw failure(r.resolve("block_bytes"), "expected a power of two from 512 to 4096, got "
                        + blockBytes);
            }
            if (startBlock == 0) {
                throw failure(r.resolve("start_block"), "is 0 in a started region");
            }
            if (blocks < 1 || blocks > HeartbeatRegion.MAX_BLOCKS) {
                throw failure(r.resolve("blocks"), "expected 1 to 255, got " + blocks);
            }
            if (dev.contains("/") || dev.equals("..") || dev.equals(".")) {
                throw failure(r.resolve("dev"), "expected a block device's name, got '" + dev + "'");
            }
        }
        return new HeartbeatRegion(r.getFileName().toString(), blockBytes, startBlock, blocks, dev,
                pid(r.resolve("pid")));
    }

    private static OptionalLong pid(Path file) {
        Optional<String> v = ConfigfsFiles.optionalText(file);
        if (v.isEmpty() || v.get().isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(v.get());
            if (pid > 0) {
                return OptionalLong.of(pid);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw failure(file, "expected a thread id or nothing, got '" + v.get() + "'");
    }
}
