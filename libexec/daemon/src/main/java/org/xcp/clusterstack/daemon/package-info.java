/**
 * The daemon host: one process per host and stack that opens the stack's engine or managed source, serves the
 * control socket, keeps the liveset snapshot the scripts read, and owns the fencers (the watchdogs; the only
 * user of JNR). It never names a stack's classes: stacks are found through ServiceLoader.
 */
package org.xcp.clusterstack.daemon;
