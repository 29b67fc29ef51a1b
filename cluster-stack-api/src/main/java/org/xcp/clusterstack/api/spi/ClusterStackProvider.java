package org.xcp.clusterstack.api.spi;

import java.util.List;

/**
 * A cluster stack, found by the daemon host and the installer through {@link java.util.ServiceLoader}. One
 * provider per directory under {@code cluster-stack-root}; its {@link StackManifest#name()} is that
 * directory's name.
 *
 * <p>A stack is one of two kinds, and implements exactly one of the two sub-interfaces:
 * <ul>
 *   <li>{@link EngineStackProvider}: the stack is its own membership engine and keeps every part of xhad's
 *       semantics itself (the native {@code xhad} stack);</li>
 *   <li>{@link ManagedStackProvider}: the stack only reads membership and quorum from an external cluster
 *       manager (corosync, o2cb, Melio) and names who fences; the daemon host keeps xhad's semantics on top
 *       (pool state, excluded, the master lock in the statefile, the liveset XML, the exit codes).</li>
 * </ul>
 */
public interface ClusterStackProvider {
    StackManifest manifest();

    /**
     * The keys this stack accepts in its settings file beyond the daemon's own ({@link StackSettings#DAEMON_SETTINGS}),
     * the ones it checks its settings against: what cluster-stack-settings(5) lists for it.
     */
    default List<SettingKey> settingKeys() {
        return List.of();
    }
}
