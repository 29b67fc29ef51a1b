/**
 * cluster-stack verify: checks an installed stack directory against xhad's script contract by running its
 * scripts as xapi does on a private pool. It knows stacks only through their installed directory; the same
 * checks run as a JUnit suite from this module's test-jar (StackConformanceTests).
 */
package org.xcp.clusterstack.verify;
