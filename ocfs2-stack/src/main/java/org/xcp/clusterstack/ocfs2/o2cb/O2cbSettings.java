package org.xcp.clusterstack.ocfs2.o2cb;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xcp.clusterstack.api.config.DaemonConfig;
import org.xcp.clusterstack.api.spi.SettingKey;
import org.xcp.clusterstack.api.spi.StackSettings;

/**
 * The o2cb settings of the ocfs2 stack's settings file.
 *
 * @param configfs {@code o2cb.configfs}: where configfs is mounted (default {@code /sys/kernel/config})
 * @param cluster {@code o2cb.cluster}: which cluster under {@code <configfs>/cluster}; default the only one
 * @param deviceDir {@code o2cb.device_dir}: where a region's {@code dev} name is found (default {@code /dev})
 * @param nodes {@code o2cb.node.<number>}: see {@link NodeMap}
 */
public record O2cbSettings(Path configfs, Optional<String> cluster, Path deviceDir, NodeMap nodes) {
    public static final String CONFIGFS = "o2cb.configfs";
    public static final String CLUSTER = "o2cb.cluster";
    public static final String DEVICE_DIR = "o2cb.device_dir";
    /** The fixed keys; {@code o2cb.node.<number>} keys come on top ({@link #isNodeKey}). */
    public static final Path DEFAULT_CONFIGFS = Path.of("/sys/kernel/config");
    public static final Path DEFAULT_DEVICE_DIR = Path.of("/dev");
    /** The fixed keys and the node keys' family ({@link #isNodeKey}), as the man page lists them. */
    public static final List<SettingKey> SETTING_KEYS = List.of(
            new SettingKey(CONFIGFS, DEFAULT_CONFIGFS.toString(), "where configfs is mounted"),
            new SettingKey(CLUSTER, "the only cluster under <configfs>/cluster", "which o2cb cluster (1 to 16"
                    + " of [0-9A-Za-z])"),
            new SettingKey(DEVICE_DIR, DEFAULT_DEVICE_DIR.toString(), "where a heartbeat region's dev name (sdb,"
                    + " dm-3) is opened"),
            new SettingKey(NodeMap.KEY_PREFIX + "<number>", "none: node n is the host of index n", "= <host UUID>:"
                    + " o2cb node <number> (0 to 254) is that pool host; once one is set, only the listed nodes map"
                    + " to hosts"));
    public static final Set<String> KEYS = SettingKey.names(SETTING_KEYS.subList(0, 3));

    public O2cbSettings {
        Objects.requireNonNull(configfs);
        Objects.requireNonNull(cluster);
        Objects.requireNonNull(deviceDir);
        Objects.requireNonNull(nodes);
    }

    /** Reads the o2cb keys; exit 7 naming the file and line for a bad one. */
    public static O2cbSettings read(StackSettings settings, DaemonConfig config) {
        Optional<String> cluster = settings.get(CLUSTER);
        if (cluster.isPresent() && !cluster.get().matches("[0-9A-Za-z]{1,16}")) {
            throw settings.invalid(CLUSTER, "an o2cb cluster name is 1 to 16 characters [0-9A-Za-z], got '"
                    + cluster.get() + "'");
        }
        return new O2cbSettings(settings.path(CONFIGFS, DEFAULT_CONFIGFS), cluster,
                settings.path(DEVICE_DIR, DEFAULT_DEVICE_DIR), NodeMap.from(settings, config));
    }

    /** {@code o2cb.node.<anything>}: checked by {@link NodeMap}, which names a bad number. */
    public static boolean isNodeKey(String key) {
        return key.startsWith(NodeMap.KEY_PREFIX);
    }
}
