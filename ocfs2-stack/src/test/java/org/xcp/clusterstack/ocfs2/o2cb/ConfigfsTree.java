package org.xcp.clusterstack.ocfs2.o2cb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds an o2cb configfs tree as plain directories and files, in the layout and format the kernel shows
 * (stacks.md §3.3): one value and a newline per attribute file, {@code dev} and {@code pid} empty until a
 * region is started.
 */
public final class ConfigfsTree {
    private final Path configfs;
    private final Path cluster;

    private ConfigfsTree(Path configfs, String name) {
        this.configfs = configfs;
        this.cluster = configfs.resolve("cluster").resolve(name);
    }

    /** {@code <configfs>/cluster/<name>} with {@code heartbeat/mode} and {@code heartbeat/dead_threshold}. */
    static ConfigfsTree create(Path configfs, String name, HeartbeatMode mode, int deadThreshold) {
        ConfigfsTree t = new ConfigfsTree(configfs, name);
        t.write("heartbeat/mode", mode.text());
        t.write("heartbeat/dead_threshold", Integer.toString(deadThreshold));
        t.mkdirs("node");
        return t;
    }

    Path configfs() {
        return configfs;
    }

    Path clusterDir() {
        return cluster;
    }

    ConfigfsTree node(String name, int number, boolean local, String ip) {
        write("node/" + name + "/num", Integer.toString(number));
        write("node/" + name + "/local", local ? "1" : "0");
        write("node/" + name + "/ipv4_address", ip);
        write("node/" + name + "/ipv4_port", "7777");
        return this;
    }

    /** A started region whose heartbeat thread runs (pid set). */
    ConfigfsTree region(String name, int blockBytes, long startBlock, int blocks, String dev) {
        return region(name, blockBytes, startBlock, blocks, dev, "4242");
    }

    ConfigfsTree region(String name, int blockBytes, long startBlock, int blocks, String dev, String pid) {
        write("heartbeat/" + name + "/block_bytes", Integer.toString(blockBytes));
        write("heartbeat/" + name + "/start_block", Long.toString(startBlock));
        write("heartbeat/" + name + "/blocks", Integer.toString(blocks));
        write("heartbeat/" + name + "/dev", dev);
        write("heartbeat/" + name + "/pid", pid);
        return this;
    }

    /** A region directory just made with mkdir: every number 0, {@code dev} and {@code pid} empty. */
    ConfigfsTree unstartedRegion(String name) {
        return region(name, 0, 0, 0, "", "");
    }

    /** Writes {@code value} and a newline, as configfs shows it; an empty value is an empty line. */
    public ConfigfsTree write(String relative, String value) {
        Path file = cluster.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ConfigfsTree delete(String relative) {
        try {
            Path p = cluster.resolve(relative);
            if (Files.isDirectory(p)) {
                try (var s = Files.walk(p)) {
                    for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(q);
                    }
                }
            } else {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    private void mkdirs(String relative) {
        try {
            Files.createDirectories(cluster.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
