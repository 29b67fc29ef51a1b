/**
 * The network heartbeat of the native {@code xhad} stack (spec §6): the 744-byte packet, its codec and the
 * receipt checks of §6.3 steps 1 and 2, and the UDP unicast transport. What a packet means to the membership
 * (§6.3 steps 3 to 5, hbdomain, fault handling) is the engine's business; this package only delivers valid,
 * fresh packets and counts the rest.
 */
package org.xcp.clusterstack.xhad.heartbeat;
