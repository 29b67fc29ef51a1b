/**
 * The melio stack: xhad's script interface over Melio's cluster service, read through one command as
 * CONTRACT.md states it; Melio fences. Melio is proprietary and cannot run here: the seam is that one command,
 * tested against stand-ins that keep the contract.
 */
package org.xcp.clusterstack.melio;
