/**
 * The xhad stack: the native xhad-compatible engine wired to its I/O (the statefile through
 * cluster-stack-common's device, the UDP heartbeat) and its provider. Depends on the api and common only; the
 * decisions are in the core package.
 */
package org.xcp.clusterstack.xhad;
