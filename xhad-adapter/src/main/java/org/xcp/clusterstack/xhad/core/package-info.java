/**
 * The pure core of the xhad engine (spec §7): start criteria, the membership view, the fault handler FH1-FH4
 * and the survival rule, the liveset it renders. No I/O, no clock and no threads of its own: the daemon and the
 * deterministic simulator drive it step by step with the same inputs.
 */
package org.xcp.clusterstack.xhad.core;
