/**
 * {@code cluster-stack maintenance enter|exit} for this host: the preflight (judged on the pool-status picture and
 * the stack's own survival rule: one rule, one place) and the steps, xapi's scripts in xapi's order.
 */
package org.xcp.clusterstack.maintenance;
