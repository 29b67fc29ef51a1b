/**
 * Running an external cluster manager's command line tool with a deadline, the one way every stack built on
 * such a manager does (stacks.md): a manager that hangs must not hang the daemon host's sampling thread.
 */
package org.xcp.clusterstack.api.command;
