/**
 * The ocfs2 stack: xhad's script interface for OCFS2 SRs, on o2cb (the kernel's disk heartbeat, read passively;
 * the kernel fences) or on pcmk mode over corosync (the stack watchdog fences). Depends on the api, common and
 * corosync-membership only.
 */
package org.xcp.clusterstack.ocfs2;
