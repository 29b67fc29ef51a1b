/**
 * xhad's semantics, once for every stack: {@link org.xcp.clusterstack.common.core.MemberCore} (a pure state
 * machine of one host: phases, scripts, statefile cycle, pool states, excluded flag, master lock, liveset view),
 * the start criteria, the liveset renderer, and {@link org.xcp.clusterstack.common.core.CoreDriver}, the threads and
 * I/O around a core. An engine kind extends the core with its membership evidence only (the native engine's
 * heartbeats, a cluster manager's samples). See docs/contracts.md, "One xhad, many memberships".
 */
package org.xcp.clusterstack.common.core;
