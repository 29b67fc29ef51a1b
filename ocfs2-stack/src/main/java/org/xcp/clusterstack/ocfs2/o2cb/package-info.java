/**
 * o2cb's membership read passively: the cluster's configfs tree and the o2hb disk heartbeat (28-byte slots,
 * crc32 checksums, the kernel's liveness rules per region). o2cb's kernel modules cannot load here, so it is
 * tested on built configfs trees and heartbeat files, and cross-checked against ocfs2-tools.
 */
package org.xcp.clusterstack.ocfs2.o2cb;
