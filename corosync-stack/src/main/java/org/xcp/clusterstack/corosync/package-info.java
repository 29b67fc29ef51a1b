/**
 * The corosync stack: xhad's script interface over corosync 3 + votequorum (the membership read by
 * corosync-membership), fencing by the stack watchdog, for GFS2 SRs. Depends on the api, common and
 * corosync-membership only.
 */
package org.xcp.clusterstack.corosync;
