/**
 * The engine for stacks on an external cluster manager: it samples the stack's MembershipSource and keeps
 * xhad's statefile-side semantics (start, pool state, excluded flag, master lock, holding a departed host for
 * the fence window) around it.
 */
package org.xcp.clusterstack.daemon.managed;
