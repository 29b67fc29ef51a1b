/**
 * The choice of the HA cluster stack and the pool-level state around it (spec {@code selector.md}):
 * {@link org.xcp.clusterstack.selector.StackSelector} (automatic choice and the explicit {@code cluster_stack}
 * parameter, §4 and §5), {@link org.xcp.clusterstack.selector.HaEnableCheck} ({@code Pool.enable_ha}'s order of
 * checks, §6 and §7), {@link org.xcp.clusterstack.selector.PlugGate} ({@code PBD.plug}, §9),
 * {@link org.xcp.clusterstack.selector.ClusterGate} ({@code Cluster.create}/{@code destroy}, §8), the errors
 * ({@link org.xcp.clusterstack.selector.SelectorError}, §10) and the persisted
 * {@link org.xcp.clusterstack.selector.PoolRecord}.
 *
 * <p>Everything but {@link org.xcp.clusterstack.selector.PoolRecordStore} and
 * {@link org.xcp.clusterstack.selector.InstalledStacks#in} is free of I/O: the file system is reached only
 * through an {@link org.xcp.clusterstack.selector.InstalledStacks} the caller passes in.
 */
package org.xcp.clusterstack.selector;
