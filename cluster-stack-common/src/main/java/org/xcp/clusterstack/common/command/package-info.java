/**
 * One way to run an external cluster manager's command (corosync's tools, Melio's service) with a deadline that
 * kills it and its children, and its result. Stacks on external managers use it; nothing here knows any manager.
 */
package org.xcp.clusterstack.common.command;
