/**
 * The pool-wide master lock kept in the statefile (spec §7.6): the grant rule as pure functions and one host's
 * side of it (LockKeeper), used by every engine that keeps the lock in the statefile. No I/O: the engines read
 * and write the sections.
 */
package org.xcp.clusterstack.common.lock;
