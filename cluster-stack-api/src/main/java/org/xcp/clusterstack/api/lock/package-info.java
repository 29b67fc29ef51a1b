/** The pool-wide master lock of spec §7.6, kept in the statefile's host sections by every engine. */
package org.xcp.clusterstack.api.lock;
