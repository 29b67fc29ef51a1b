/**
 * The pool as {@code cluster-stack pool status} and the {@code maintenance} preflight see it: the evidence read
 * on this host ({@link org.xcp.clusterstack.poolstatus.PoolEvidence}: xhad.conf, every section of the shared
 * statefile, the local daemon, the storage's I/O timeout, other fencers), the picture made of it
 * ({@link org.xcp.clusterstack.poolstatus.PoolPicture}) and its warnings, each with its fix. Rendering (text,
 * JSON) is the CLI's; survival questions go to the rule the engine itself decides with.
 */
package org.xcp.clusterstack.poolstatus;
